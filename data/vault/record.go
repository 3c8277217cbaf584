package vault

import (
	"encoding/binary"
	"fmt"
	"math"
)

// statement is one SQL statement of a committed transaction with its
// arguments, already restricted to the deterministic types.
type statement struct {
	Query string
	Args  []any
}

// Argument type tags in a journal record.
const (
	tagNil byte = iota
	tagInt
	tagFloat
	tagBool
	tagString
	tagBytes
)

// maxRecordStatements bounds a decoded statement count.
const maxRecordStatements = 1 << 24

// normalizeArgs checks each argument's type and converts int to int64 and
// nil byte slices to empty ones, so the original execution and the replay
// see exactly the same values.
func normalizeArgs(args []any) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case nil, int64, float64, bool, string:
			out[i] = v
		case int:
			out[i] = int64(v)
		case []byte:
			out[i] = append([]byte{}, v...)
		default:
			return nil, fmt.Errorf("%w: argument %d has type %T", ErrArgType, i+1, a)
		}
	}
	return out, nil
}

// encodeStatements serialises statements: u32 count, then per statement
// u32 length + query, u32 argument count, then per argument a tag byte and
// its value (int64 and float64 bits as 8 big-endian bytes, bool as one byte,
// string and bytes as u32 length + bytes).
func encodeStatements(dst []byte, stmts []statement) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(stmts)))
	for _, s := range stmts {
		dst = appendBytes(dst, []byte(s.Query))
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(s.Args)))
		for _, a := range s.Args {
			dst = appendArg(dst, a)
		}
	}
	return dst
}

// appendBytes appends u32 length + b.
func appendBytes(dst, b []byte) []byte {
	return append(binary.BigEndian.AppendUint32(dst, uint32(len(b))), b...)
}

// appendArg appends one tagged argument (types checked by normalizeArgs).
func appendArg(dst []byte, a any) []byte {
	switch v := a.(type) {
	case int64:
		return binary.BigEndian.AppendUint64(append(dst, tagInt), uint64(v))
	case float64:
		return binary.BigEndian.AppendUint64(append(dst, tagFloat), math.Float64bits(v))
	case bool:
		if v {
			return append(dst, tagBool, 1)
		}
		return append(dst, tagBool, 0)
	case string:
		return appendBytes(append(dst, tagString), []byte(v))
	case []byte:
		return appendBytes(append(dst, tagBytes), v)
	default:
		return append(dst, tagNil)
	}
}

// decoder reads the encoding of encodeStatements; every failure wraps ErrCorrupt.
type decoder struct {
	b   []byte
	err error
}

// fail records the first error.
func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: journal record: %s", ErrCorrupt, what)
	}
	d.b = nil
}

// take returns the next n bytes.
func (d *decoder) take(n uint64) []byte {
	if d.err != nil || uint64(len(d.b)) < n {
		d.fail("truncated")
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

// u32 reads a big-endian uint32.
func (d *decoder) u32() uint32 {
	b := d.take(4)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

// u64 reads a big-endian uint64.
func (d *decoder) u64() uint64 {
	b := d.take(8)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// arg reads one tagged argument.
func (d *decoder) arg() any {
	t := d.take(1)
	if t == nil {
		return nil
	}
	switch t[0] {
	case tagNil:
		return nil
	case tagInt:
		return int64(d.u64())
	case tagFloat:
		return math.Float64frombits(d.u64())
	case tagBool:
		b := d.take(1)
		if b != nil && b[0] > 1 {
			d.fail("bad bool")
		}
		return b != nil && b[0] == 1
	case tagString:
		return string(d.take(uint64(d.u32())))
	case tagBytes:
		return append([]byte{}, d.take(uint64(d.u32()))...)
	}
	d.fail("unknown argument tag")
	return nil
}

// decodeStatements parses the output of encodeStatements.
func decodeStatements(b []byte) ([]statement, error) {
	d := &decoder{b: b}
	n := d.u32()
	if n > maxRecordStatements || uint64(n)*8 > uint64(len(b)) {
		d.fail("bad statement count")
	}
	var stmts []statement
	for i := uint32(0); i < n && d.err == nil; i++ {
		q := string(d.take(uint64(d.u32())))
		nargs := d.u32()
		if uint64(nargs) > uint64(len(d.b)) {
			d.fail("bad argument count")
			break
		}
		args := make([]any, 0, nargs)
		for j := uint32(0); j < nargs && d.err == nil; j++ {
			args = append(args, d.arg())
		}
		stmts = append(stmts, statement{Query: q, Args: args})
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return stmts, nil
}
