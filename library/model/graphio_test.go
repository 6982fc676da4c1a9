package model

import (
	"reflect"
	"testing"

	"github.com/cairn-photos/cairn/library/model/internal/onnxgen"
)

func TestGraphIOReadsInputsAndOutputs(t *testing.T) {
	g := &onnxgen.Graph{Name: "g"}
	g.Input("image", onnxgen.Float, onnxgen.Sym("batch"), onnxgen.Fixed(3), onnxgen.Fixed(32), onnxgen.Fixed(32))
	g.Input("w", onnxgen.Float, onnxgen.Fixed(2)) // also an initializer, as old exports list them
	g.Floats("w", []int64{2}, []float32{1, 2})
	g.Node("Identity", []string{"image"}, "embedding")
	g.Output("embedding", onnxgen.Float, onnxgen.Sym("batch"), onnxgen.Fixed(4))
	ins, outs, err := graphIO(g.Model(onnxgen.Opset))
	if err != nil {
		t.Fatal(err)
	}
	wantIn := []ioInfo{{Name: "image", ElemType: onnxFloat, Dims: []int64{-1, 3, 32, 32}}}
	wantOut := []ioInfo{{Name: "embedding", ElemType: onnxFloat, Dims: []int64{-1, 4}}}
	if !reflect.DeepEqual(ins, wantIn) || !reflect.DeepEqual(outs, wantOut) {
		t.Errorf("inputs %+v outputs %+v", ins, outs)
	}
}

func TestGraphIORejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{[]byte("not a model"), {0x3a, 0xff, 0xff}, nil} {
		if _, _, err := graphIO(b); err == nil {
			t.Errorf("graphIO(%q) succeeded", b)
		}
	}
}
