package model

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// ioInfo is one graph input or output: its name, ONNX element type, and dimensions (−1 when symbolic).
type ioInfo struct {
	Name     string
	ElemType int32 // ONNX TensorProto.DataType: 1 float, 6 int32, 7 int64
	Dims     []int64
}

// ONNX element types the towers take.
const (
	onnxFloat = 1
	onnxInt32 = 6
	onnxInt64 = 7
)

// graphIO reads a model's graph inputs (without initializers, which old exports also list as inputs)
// and outputs straight from the ONNX protobuf, so Load needs no throw-away session to learn them.
func graphIO(model []byte) (ins, outs []ioInfo, err error) {
	graph, err := field(model, 7)
	if err != nil {
		return nil, nil, fmt.Errorf("model: %w", err)
	}
	if graph == nil {
		return nil, nil, errors.New("no graph")
	}
	initializers := map[string]bool{}
	err = walk(graph, func(num protowire.Number, v []byte) error {
		switch num {
		case 5: // TensorProto initializer; its name is field 8
			name, err := field(v, 8)
			initializers[string(name)] = true
			return err
		case 11, 12:
			info, err := valueInfo(v)
			if err != nil {
				return err
			}
			if num == 11 {
				ins = append(ins, info)
			} else {
				outs = append(outs, info)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("graph: %w", err)
	}
	real := ins[:0]
	for _, in := range ins {
		if !initializers[in.Name] {
			real = append(real, in)
		}
	}
	return real, outs, nil
}

// valueInfo decodes ValueInfoProto{1 name, 2 TypeProto{1 Tensor{1 elem_type, 2 Shape{1 Dimension{1 value, 2 param}}}}}.
func valueInfo(b []byte) (ioInfo, error) {
	var info ioInfo
	err := walk(b, func(num protowire.Number, v []byte) error {
		switch num {
		case 1:
			info.Name = string(v)
		case 2:
			tensor, err := field(v, 1)
			if err != nil || tensor == nil {
				return err
			}
			return walkAll(tensor, func(num protowire.Number, typ protowire.Type, raw []byte, n uint64) error {
				switch {
				case num == 1 && typ == protowire.VarintType:
					info.ElemType = int32(n)
				case num == 2 && typ == protowire.BytesType:
					return walk(raw, func(num protowire.Number, dim []byte) error {
						if num != 1 {
							return nil
						}
						d := int64(-1)
						err := walkAll(dim, func(num protowire.Number, typ protowire.Type, _ []byte, n uint64) error {
							if num == 1 && typ == protowire.VarintType {
								d = int64(n)
							}
							return nil
						})
						info.Dims = append(info.Dims, d)
						return err
					})
				}
				return nil
			})
		}
		return nil
	})
	return info, err
}

// field returns the last length-delimited value of field num in message b (nil when absent).
func field(b []byte, num protowire.Number) ([]byte, error) {
	var out []byte
	err := walk(b, func(n protowire.Number, v []byte) error {
		if n == num {
			out = v
		}
		return nil
	})
	return out, err
}

// walk calls fn for every length-delimited field of message b.
func walk(b []byte, fn func(protowire.Number, []byte) error) error {
	return walkAll(b, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) error {
		if typ == protowire.BytesType {
			return fn(num, v)
		}
		return nil
	})
}

// walkAll calls fn for every field of message b, with the bytes of length-delimited fields and the value
// of varints.
func walkAll(b []byte, fn func(protowire.Number, protowire.Type, []byte, uint64) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		var raw []byte
		var val uint64
		switch typ {
		case protowire.BytesType:
			raw, n = protowire.ConsumeBytes(b)
		case protowire.VarintType:
			val, n = protowire.ConsumeVarint(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if err := fn(num, typ, raw, val); err != nil {
			return err
		}
	}
	return nil
}
