// Package onnxgen writes small ONNX models by hand, with protowire and the ONNX ModelProto field numbers,
// so that tests and benchmarks can run real ONNX Runtime sessions without any downloaded weights.
package onnxgen

import (
	"encoding/binary"
	"math"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"
)

// ONNX TensorProto.DataType values used here.
const (
	Float = 1
	Int32 = 6
	Int64 = 7
)

// Opset is the default ONNX opset: 18 takes ReduceMean's axes as an input and has LayerNormalization.
const Opset = 18

// Dim is one dimension of a graph input or output: a fixed size, or a named symbolic size such as "batch".
type Dim struct {
	Value int64
	Param string
}

// Fixed and Sym build Dims.
func Fixed(n int64) Dim   { return Dim{Value: n} }
func Sym(name string) Dim { return Dim{Param: name} }
func Dims(ns ...int64) []Dim {
	out := make([]Dim, len(ns))
	for i, n := range ns {
		out[i] = Fixed(n)
	}
	return out
}

// Attr is one encoded NodeProto attribute.
type Attr []byte

// Graph collects nodes, initializers, inputs and outputs; Model encodes it.
type Graph struct {
	Name    string
	nodes   [][]byte
	inits   [][]byte
	inputs  [][]byte
	outputs [][]byte
	counter int
}

// Input declares a graph input.
func (g *Graph) Input(name string, elemType int, dims ...Dim) {
	g.inputs = append(g.inputs, valueInfo(name, elemType, dims))
}

// Output declares a graph output.
func (g *Graph) Output(name string, elemType int, dims ...Dim) {
	g.outputs = append(g.outputs, valueInfo(name, elemType, dims))
}

// Floats adds a float32 initializer and returns its name.
func (g *Graph) Floats(name string, dims []int64, data []float32) string {
	raw := make([]byte, 4*len(data))
	for i, v := range data {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	g.inits = append(g.inits, tensor(name, Float, dims, raw))
	return name
}

// Int64s adds an int64 initializer and returns its name.
func (g *Graph) Int64s(name string, dims []int64, data []int64) string {
	raw := make([]byte, 8*len(data))
	for i, v := range data {
		binary.LittleEndian.PutUint64(raw[8*i:], uint64(v))
	}
	g.inits = append(g.inits, tensor(name, Int64, dims, raw))
	return name
}

// Node adds one operator. With output "" it invents a unique name, which it returns.
func (g *Graph) Node(op string, inputs []string, output string, attrs ...Attr) string {
	if output == "" {
		g.counter++
		output = op + "_" + strconv.Itoa(g.counter)
	}
	var b []byte
	for _, in := range inputs {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendString(b, in)
	}
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendString(b, output)
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendString(b, output+"_node")
	b = protowire.AppendTag(b, 4, protowire.BytesType)
	b = protowire.AppendString(b, op)
	for _, a := range attrs {
		b = protowire.AppendTag(b, 5, protowire.BytesType)
		b = protowire.AppendBytes(b, a)
	}
	g.nodes = append(g.nodes, b)
	return output
}

// Model encodes the graph as an ONNX ModelProto (IR version 8) importing the default domain at opset.
func (g *Graph) Model(opset int64) []byte {
	var graph []byte
	for _, n := range g.nodes {
		graph = appendMessage(graph, 1, n)
	}
	graph = protowire.AppendTag(graph, 2, protowire.BytesType)
	graph = protowire.AppendString(graph, g.Name)
	for _, t := range g.inits {
		graph = appendMessage(graph, 5, t)
	}
	for _, v := range g.inputs {
		graph = appendMessage(graph, 11, v)
	}
	for _, v := range g.outputs {
		graph = appendMessage(graph, 12, v)
	}

	var opsetID []byte
	opsetID = protowire.AppendTag(opsetID, 2, protowire.VarintType)
	opsetID = protowire.AppendVarint(opsetID, uint64(opset))

	var m []byte
	m = protowire.AppendTag(m, 1, protowire.VarintType)
	m = protowire.AppendVarint(m, 8)
	m = protowire.AppendTag(m, 2, protowire.BytesType)
	m = protowire.AppendString(m, "cairn-onnxgen")
	m = appendMessage(m, 7, graph)
	m = appendMessage(m, 8, opsetID)
	return m
}

// AttrInt, AttrInts and AttrFloat encode AttributeProto values (types INT=2, INTS=7, FLOAT=1).
func AttrInt(name string, v int64) Attr {
	b := attrName(name)
	b = protowire.AppendTag(b, 3, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(v))
	return attrType(b, 2)
}

func AttrInts(name string, vs ...int64) Attr {
	b := attrName(name)
	for _, v := range vs {
		b = protowire.AppendTag(b, 8, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(v))
	}
	return attrType(b, 7)
}

func AttrFloat(name string, f float32) Attr {
	b := attrName(name)
	b = protowire.AppendTag(b, 2, protowire.Fixed32Type)
	b = protowire.AppendFixed32(b, math.Float32bits(f))
	return attrType(b, 1)
}

func attrName(name string) []byte {
	b := protowire.AppendTag(nil, 1, protowire.BytesType)
	return protowire.AppendString(b, name)
}

func attrType(b []byte, t uint64) Attr {
	b = protowire.AppendTag(b, 20, protowire.VarintType)
	return protowire.AppendVarint(b, t)
}

func tensor(name string, dataType uint64, dims []int64, raw []byte) []byte {
	var b []byte
	for _, d := range dims {
		b = protowire.AppendTag(b, 1, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(d))
	}
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, dataType)
	b = protowire.AppendTag(b, 8, protowire.BytesType)
	b = protowire.AppendString(b, name)
	b = protowire.AppendTag(b, 9, protowire.BytesType)
	return protowire.AppendBytes(b, raw)
}

// valueInfo encodes ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape}}}.
func valueInfo(name string, elemType int, dims []Dim) []byte {
	var shape []byte
	for _, d := range dims {
		var dim []byte
		if d.Param != "" {
			dim = protowire.AppendTag(dim, 2, protowire.BytesType)
			dim = protowire.AppendString(dim, d.Param)
		} else {
			dim = protowire.AppendTag(dim, 1, protowire.VarintType)
			dim = protowire.AppendVarint(dim, uint64(d.Value))
		}
		shape = appendMessage(shape, 1, dim)
	}
	var tt []byte
	tt = protowire.AppendTag(tt, 1, protowire.VarintType)
	tt = protowire.AppendVarint(tt, uint64(elemType))
	tt = appendMessage(tt, 2, shape)
	typ := appendMessage(nil, 1, tt)

	b := protowire.AppendTag(nil, 1, protowire.BytesType)
	b = protowire.AppendString(b, name)
	return appendMessage(b, 2, typ)
}

func appendMessage(b []byte, field protowire.Number, msg []byte) []byte {
	b = protowire.AppendTag(b, field, protowire.BytesType)
	return protowire.AppendBytes(b, msg)
}
