package pdfdoc

import "errors"

// Sentinel errors returned (wrapped) by [Render].
var (
	// ErrInvalidBlock: the body contains a nil Block, or a type of the
	// caller's that merely embeds one of the package's blocks.
	ErrInvalidBlock = errors.New("pdfdoc: nil or unknown block in document body")
	// ErrTableShape: a table row has more cells than the table has columns,
	// or a table has rows but no columns.
	ErrTableShape = errors.New("pdfdoc: table row has more cells than columns")
	// ErrTooManyColumns: a table has more columns than fit across the page.
	ErrTooManyColumns = errors.New("pdfdoc: too many table columns to fit the page width")
	// ErrImage: an image (block or signature) is not a decodable PNG.
	ErrImage = errors.New("pdfdoc: image is not a valid PNG")
	// ErrImageTooLarge: an image has more pixels than the renderer accepts.
	ErrImageTooLarge = errors.New("pdfdoc: image dimensions too large")
	// ErrFont: an embedded font could not be loaded.
	ErrFont = errors.New("pdfdoc: cannot load embedded font")
	// ErrPDF: the PDF library reported an error while building the document.
	ErrPDF = errors.New("pdfdoc: PDF generation failed")
	// ErrWrite: writing the finished PDF to the destination failed.
	ErrWrite = errors.New("pdfdoc: writing PDF failed")
	// ErrInternal: a bug inside the renderer or the PDF library (a recovered
	// panic); the document could not be produced.
	ErrInternal = errors.New("pdfdoc: internal error while rendering")
)
