package bundle

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"daumoi/reports/bundle/schematest"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles a JSON Schema file with format assertions on.
func compileSchema(t testing.TB, file string) *jsonschema.Schema {
	t.Helper()
	return schematest.Compile(t, file)
}

// validateAgainst reports the schema's verdict on a JSON document.
func validateAgainst(t testing.TB, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	return schematest.Validate(s, data)
}

func validateManifestSchema(t testing.TB, manifest []byte) {
	t.Helper()
	if err := validateAgainst(t, compileSchema(t, "manifest.schema.json"), manifest); err != nil {
		t.Fatalf("manifest does not match manifest.schema.json: %v\n%s", err, manifest)
	}
}

// TestManifestSchemaAgreesWithParser: the JSON Schema and the Go parser
// accept the built manifest and refuse the same broken ones.
func TestManifestSchemaAgreesWithParser(t *testing.T) {
	_, sec := testKey(t)
	good := string(manifestOf(t, build(t, sampleBundle(), sec)))
	schema := compileSchema(t, "manifest.schema.json")
	if err := validateAgainst(t, schema, []byte(good)); err != nil {
		t.Fatal(err)
	}
	if _, err := parseManifest([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"wrong format":      strings.Replace(good, `"daumoi-bundle"`, `"other"`, 1),
		"kind upper case":   strings.Replace(good, `"annual"`, `"Annual"`, 1),
		"no agency name":    strings.Replace(good, `"Sở Thông tin và Truyền thông tỉnh Vĩnh Long"`, `""`, 1),
		"bad date":          strings.Replace(good, `"2026-01-01"`, `"01/01/2026"`, 1),
		"bad created":       strings.Replace(good, `"2026-12-15T09:30:00+07:00"`, `"2026-12-15 09:30"`, 1),
		"negative seq":      strings.Replace(good, `"seq": 42`, `"seq": -1`, 1),
		"short audit hash":  strings.Replace(good, `"ab12`, `"`, 1),
		"key id lower case": strings.Replace(good, `"key_id": "`, `"key_id": "abcdef0123456789`, 1),
		"unknown field":     strings.Replace(good, `"kind"`, `"colour": "red", "kind"`, 1),
		"traversal path":    strings.Replace(good, `"data/assets.csv"`, `"../assets.csv"`, 1),
		"backslash path":    strings.Replace(good, `"data/assets.csv"`, `"data\\assets.csv"`, 1),
		"trailing dot path": strings.Replace(good, `"data/assets.csv"`, `"data./assets.csv"`, 1),
		"reserved path":     strings.Replace(good, `"data/assets.csv"`, `"manifest.json"`, 1),
		"negative size":     strings.Replace(good, `"size": `, `"size": -`, 1),
		"upper-case hash":   regexp.MustCompile(`"sha256": "[0-9a-f]{64}"`).ReplaceAllStringFunc(good, strings.ToUpper),
		"files missing":     strings.Replace(good, `"files"`, `"filez"`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			if bad == good {
				t.Fatal("the edit changed nothing")
			}
			if err := validateAgainst(t, schema, []byte(bad)); err == nil {
				t.Error("the schema accepted it")
			}
			if _, err := parseManifest([]byte(bad)); !errors.Is(err, ErrBadManifest) {
				t.Errorf("parser: err = %v", err)
			}
		})
	}
}
