package gui

import (
	"bytes"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/reports/pades"
)

// signatureImagesService is what the profile's signature images need of
// the session.
type signatureImagesService interface {
	SignatureImages() (session.SignatureImages, error)
	SaveSignatureImages(img session.SignatureImages) error
}

// signatureImagesPart lets the focal point choose, once, the signer's
// signature image and the seal image shown on the digital signature
// (Nghị định 30, Phụ lục I), with a preview of each.
type signatureImagesPart struct {
	shell  *Shell
	svc    signatureImagesService
	images session.SignatureImages
	sig    *fyne.Container
	seal   *fyne.Container
	note   *widget.Label
}

// maxImageFile bounds an image file read for the profile.
const maxImageFile = 4 << 20

// newSignatureImagesPart builds the part; it shows an error text when the
// images cannot be read.
func newSignatureImagesPart(s *Shell, svc signatureImagesService) fyne.CanvasObject {
	p := &signatureImagesPart{shell: s, svc: svc, sig: container.NewStack(), seal: container.NewStack(), note: widget.NewLabel("")}
	img, err := svc.SignatureImages()
	if err != nil {
		return wrapLabel(s.describe(err))
	}
	p.images = img
	p.refresh()
	cat := s.cat
	chooseSig := widget.NewButtonWithIcon(cat.T("pades.choose_signature"), theme.FolderOpenIcon(), func() { p.choose(&p.images.Signature) })
	chooseSeal := widget.NewButtonWithIcon(cat.T("pades.choose_seal"), theme.FolderOpenIcon(), func() { p.choose(&p.images.Seal) })
	if !s.me.Can(users.PermEditProfile) {
		chooseSig.Disable()
		chooseSeal.Disable()
	}
	title := widget.NewLabelWithStyle(cat.T("pades.images_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	row := func(label string, preview *fyne.Container, b *widget.Button) fyne.CanvasObject {
		return container.NewBorder(nil, nil, container.New(fixedWidth{width: 160}, widget.NewLabel(label)), container.NewVBox(b), preview)
	}
	return container.NewVBox(title, wrapLabel(cat.T("pades.images_hint")),
		row(cat.T("pades.signature_image"), p.sig, chooseSig), row(cat.T("pades.seal_image"), p.seal, chooseSeal), p.note)
}

// refresh shows the previews (or "none").
func (p *signatureImagesPart) refresh() {
	p.sig.Objects = []fyne.CanvasObject{p.preview(p.images.Signature)}
	p.seal.Objects = []fyne.CanvasObject{p.preview(p.images.Seal)}
	p.sig.Refresh()
	p.seal.Refresh()
}

// preview is an image's preview on a light checkerboard-free background.
func (p *signatureImagesPart) preview(b []byte) fyne.CanvasObject {
	if len(b) == 0 {
		return widget.NewLabel(p.shell.cat.T("pades.no_image"))
	}
	img := canvas.NewImageFromReader(bytes.NewReader(b), "preview.png")
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(200, 80))
	return img
}

// choose opens a PNG into dst, checks it and saves both images.
func (p *signatureImagesPart) choose(dst *[]byte) {
	s := p.shell
	s.chooseFile(func(path string) {
		b, err := readFileStart(path, maxImageFile)
		if err == nil {
			err = pades.CheckImage(b)
		}
		if err != nil {
			s.showError(err)
			return
		}
		p.store(dst, b)
	}, ".png")
}

// store saves the images with b in dst and shows them.
func (p *signatureImagesPart) store(dst *[]byte, b []byte) {
	old := *dst
	*dst = b
	if err := p.svc.SaveSignatureImages(p.images); err != nil {
		*dst = old
		p.shell.showError(err)
		return
	}
	p.refresh()
	p.note.SetText(p.shell.cat.T("pades.images_saved"))
}
