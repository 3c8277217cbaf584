package session

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/office"
	"daumoi/reports/bundle"
)

// readBundleData reads the kind's data file from the verified bundle and
// checks it (ErrIntakeBadData); it returns the report's subject (an
// incident's id) and the file's JSON for data_json.
func readBundleData(in intakeFile, res bundle.Result) (string, string, error) {
	name := intakeKinds[res.Kind]
	data, err := readEntry(in, name, maxDataJSON)
	if err != nil {
		return "", "", err
	}
	if res.Kind == "incident" {
		subject, err := checkIncidentData(data)
		return subject, string(data), err
	}
	return "", string(data), checkAnnualData(data, res)
}

// maxOSCAL bounds the assessment results intake reads for items_json.
const maxOSCAL = 32 << 20

// readBundleItems reads what the office keeps of an annual bundle's
// assessment results (office.ParseAssessmentResults, as JSON for
// items_json): "[]" for another kind or a bundle without them, and
// ErrIntakeBadData when they are there but unreadable.
func readBundleItems(in intakeFile, res bundle.Result) (string, error) {
	if res.Kind != "annual" || !slices.ContainsFunc(res.Files, func(f bundle.FileEntry) bool { return f.Path == oscalPath }) {
		return "[]", nil
	}
	data, err := readEntry(in, oscalPath, maxOSCAL)
	if err != nil {
		return "", err
	}
	return itemsJSON(data)
}

// itemsJSON is items_json of an assessment-results document.
func itemsJSON(oscal []byte) (string, error) {
	items, err := office.ParseAssessmentResults(oscal)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrIntakeBadData, err)
	}
	out, err := json.Marshal(items)
	return string(out), err
}

// readEntry reads one entry of the bundle, at most max bytes.
func readEntry(in intakeFile, name string, max int64) ([]byte, error) {
	zr, err := zip.NewReader(in.f, in.size)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIntakeBadData, err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > uint64(max) {
			return nil, fmt.Errorf("%w: %s larger than %d bytes", ErrIntakeBadData, name, max)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrIntakeBadData, err)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, max+1))
		if err != nil || int64(len(data)) > max || !utf8.Valid(data) || !json.Valid(data) {
			return nil, fmt.Errorf("%w: %s is not valid JSON", ErrIntakeBadData, name)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%w: no %s", ErrIntakeBadData, name)
}

// annualData is what intake checks of data.json (docs.DataSchema, see
// reports/docs/DATA.md): its format, year and period, and that it has its
// figures.
type annualData struct {
	Schema string `json:"schema"`
	Year   int    `json:"year"`
	Period struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"period"`
	Figures *json.RawMessage `json:"figures"`
}

// checkAnnualData checks data.json against the manifest.
func checkAnnualData(data []byte, res bundle.Result) error {
	var d annualData
	if err := json.Unmarshal(data, &d); err != nil {
		return fmt.Errorf("%w: data.json: %w", ErrIntakeBadData, err)
	}
	switch {
	case !strings.HasPrefix(d.Schema, "daumoi.annual-data/"):
		return fmt.Errorf("%w: data.json schema %q", ErrIntakeBadData, d.Schema)
	case d.Figures == nil:
		return fmt.Errorf("%w: data.json has no figures", ErrIntakeBadData)
	case d.Period.From != res.Period.From.Format(time.DateOnly) || d.Period.To != res.Period.To.Format(time.DateOnly):
		return fmt.Errorf("%w: data.json period %s–%s, manifest %s–%s", ErrIntakeBadData, d.Period.From, d.Period.To,
			res.Period.From.Format(time.DateOnly), res.Period.To.Format(time.DateOnly))
	case d.Year != res.Period.To.Year():
		return fmt.Errorf("%w: data.json year %d", ErrIntakeBadData, d.Year)
	}
	return nil
}

// incidentData is what intake reads of data/incident.json (the agency's
// IncidentDetails): the incident's id, the report's subject.
type incidentData struct {
	ID       int64
	Title    string
	Detected time.Time
}

// checkIncidentData checks incident.json and returns the incident's id.
func checkIncidentData(data []byte) (string, error) {
	var d incidentData
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&d); err != nil {
		return "", fmt.Errorf("%w: incident.json: %w", ErrIntakeBadData, err)
	}
	if d.ID <= 0 || d.Title == "" || d.Detected.IsZero() {
		return "", fmt.Errorf("%w: incident.json has no id, title or detection time", ErrIntakeBadData)
	}
	return strconv.FormatInt(d.ID, 10), nil
}

// refusalWords says in Vietnamese, for the history, why a bundle was
// refused (app/errtext has the full texts for people).
func refusalWords(err error) string {
	for _, w := range []struct {
		err   error
		words string
	}{
		{ErrIntakeUnreadable, "không đọc được tệp"},
		{ErrIntakeChanged, "tệp bị thay đổi trong khi tiếp nhận"},
		{ErrIntakeUnknownAgency, "đơn vị không có trong danh sách đăng ký"},
		{ErrIntakeKeyOfOtherAgency, "ký bằng khóa của đơn vị khác"},
		{ErrIntakeUnknownKind, "loại báo cáo không hợp lệ"},
		{ErrIntakePeriod, "kỳ báo cáo không hợp lệ"},
		{ErrIntakeBadData, "tệp số liệu thiếu hoặc sai cấu trúc"},
		{ErrIntakeOlder, "đã có bản mới hơn của báo cáo này"},
		{office.ErrUnknownKey, "khóa ký chưa được đăng ký"},
		{office.ErrKeyNotYetValid, "khóa ký chưa có hiệu lực vào ngày ký"},
		{office.ErrKeyReplaced, "khóa ký đã được thay trước ngày ký"},
		{office.ErrKeyRevoked, "khóa ký đã bị thu hồi trước ngày ký"},
		{bundle.ErrNotZip, "không phải tệp ZIP"},
		{bundle.ErrTruncated, "tệp ZIP bị cắt cụt"},
		{bundle.ErrTooLarge, "vượt giới hạn kích thước (nghi bom ZIP)"},
		{bundle.ErrUnsafePath, "tên tệp không an toàn"},
		{bundle.ErrNoManifest, "thiếu bản kê hoặc chữ ký"},
		{bundle.ErrUnknownSigner, "ký bằng khóa chưa đăng ký"},
		{bundle.ErrBadSignature, "chữ ký không khớp"},
		{bundle.ErrUnsupportedVersion, "phiên bản định dạng chưa hỗ trợ"},
		{bundle.ErrBadManifest, "bản kê sai cấu trúc"},
		{bundle.ErrMissingFile, "thiếu tệp có trong bản kê"},
		{bundle.ErrHashMismatch, "nội dung tệp không khớp bản kê"},
		{bundle.ErrExtraFile, "có tệp ngoài bản kê"},
	} {
		if errors.Is(err, w.err) {
			return w.words
		}
	}
	return "gói không hợp lệ"
}
