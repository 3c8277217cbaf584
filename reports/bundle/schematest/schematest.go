// Package schematest validates JSON documents against JSON Schemas in
// tests: the bundle manifest's schema and NIST's OSCAL 1.1.2
// assessment-results schema (embedded here, so that tests of any package
// can check the OSCAL a bundle carries). Formats are asserted.
package schematest

import (
	"bytes"
	_ "embed"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// oscalSchema is NIST's OSCAL 1.1.2 assessment-results JSON Schema
// (oscal_assessment-results_schema.json of the v1.1.2 release), unchanged.
//
//go:embed oscal_assessment-results_schema-1.1.2.json
var oscalSchema []byte

// OSCALAssessmentResults compiles NIST's OSCAL 1.1.2 assessment-results
// schema.
func OSCALAssessmentResults(t testing.TB) *jsonschema.Schema {
	t.Helper()
	return compile(t, "oscal_assessment-results_schema-1.1.2.json", bytes.NewReader(oscalSchema))
}

// Compile compiles the JSON Schema in file.
func Compile(t testing.TB, file string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return compile(t, file, f)
}

func compile(t testing.TB, file string, r io.Reader) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	anchorRefSiblings(doc)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The schema's own $id is its address, so that its "#anchor"
	// references resolve.
	url := "file:///" + file
	if m, ok := doc.(map[string]any); ok {
		if id, ok := m["$id"].(string); ok && strings.HasPrefix(id, "http") {
			url = id
		}
	}
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compiling %s: %v", file, err)
	}
	return s
}

// Validate reports the schema's verdict on a JSON document.
func Validate(s *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// anchorRefSiblings rewrites {"$id": "#name", "$ref": R, …} into
// {"$id": "#name", "allOf": [{"$ref": R}], …}. NIST's OSCAL schemas declare
// "draft-07" but put anchors ($id) beside $ref, which draft-07 says to
// ignore; a strict validator then cannot find "#json-schema-directive" and
// the other anchors. The rewrite keeps the meaning NIST intends (and that
// draft 2019-09 gives such siblings) without weakening any constraint.
func anchorRefSiblings(node any) {
	switch n := node.(type) {
	case map[string]any:
		if ref, ok := n["$ref"]; ok {
			if _, ok := n["$id"]; ok {
				delete(n, "$ref")
				n["allOf"] = append([]any{map[string]any{"$ref": ref}}, asSlice(n["allOf"])...)
			}
		}
		for _, v := range n {
			anchorRefSiblings(v)
		}
	case []any:
		for _, v := range n {
			anchorRefSiblings(v)
		}
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
