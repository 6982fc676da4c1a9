package model

import (
	"fmt"
	"os"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// tower is one ONNX session (the image or the text encoder) with its single input and output.
type tower struct {
	// runs lets one Run at a time use the session: it already spreads each run over all intra-op
	// threads, so concurrent runs would only oversubscribe the cores. Callers still preprocess in parallel.
	runs         sync.Mutex
	session      *ort.DynamicAdvancedSession
	input        ioInfo
	output       ioInfo
	dynamicBatch bool
}

// sessionSettings are the ONNX Runtime session options Cairn sets on a tower.
type sessionSettings struct {
	threads int // intra-op threads: each operator's work is split over them
	// parallel runs independent branches of the graph at once (ORT's parallel execution mode) on an
	// inter-op pool of threads; a transformer is one chain, so sequential is the default.
	parallel     bool
	optimization ort.GraphOptimizationLevel
	// spin lets an intra-op thread that has finished its share busy-wait for the next operator instead of
	// sleeping: faster alone, but it takes the core from decoding when the scan runs both at once.
	spin bool
}

// defaultSettings are the settings Load uses, with the given intra-op threads.
func defaultSettings(threads int) sessionSettings {
	return sessionSettings{threads: threads, optimization: ort.GraphOptimizationLevelEnableAll}
}

// options makes ONNX Runtime's session options of s.
func (s sessionSettings) options() (*ort.SessionOptions, error) {
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("session options: %w", err)
	}
	mode, inter := ort.ExecutionMode(ort.ExecutionModeSequential), 1
	if s.parallel {
		mode, inter = ort.ExecutionModeParallel, s.threads
	}
	spin := "0"
	if s.spin {
		spin = "1"
	}
	for _, err := range []error{
		opts.SetIntraOpNumThreads(s.threads),
		opts.SetInterOpNumThreads(inter),
		opts.SetExecutionMode(mode),
		opts.SetGraphOptimizationLevel(s.optimization),
		opts.AddSessionConfigEntry("session.intra_op.allow_spinning", spin),
	} {
		if err != nil {
			opts.Destroy()
			return nil, fmt.Errorf("session options %+v: %w", s, err)
		}
	}
	return opts, nil
}

// openTower opens path, choosing the input named want (else the only input) and the output "embedding"
// (else the first). The session is created from the file, so exports with external weight files work.
func openTower(path, want string, set sessionSettings) (*tower, error) {
	ins, outs, err := readGraphIO(path)
	if err != nil {
		return nil, err
	}
	t := &tower{}
	for _, in := range ins {
		if in.Name == want || len(ins) == 1 {
			t.input = in
		}
	}
	if t.input.Name == "" || len(outs) == 0 {
		return nil, fmt.Errorf("%w: %s: want an input %q and an output, have %d inputs, %d outputs",
			ErrUnavailable, path, want, len(ins), len(outs))
	}
	t.output = outs[0]
	for _, o := range outs {
		if o.Name == "embedding" {
			t.output = o
		}
	}
	t.dynamicBatch = len(t.input.Dims) > 0 && t.input.Dims[0] < 0

	opts, err := set.options()
	if err != nil {
		return nil, err
	}
	defer opts.Destroy()
	t.session, err = ort.NewDynamicAdvancedSession(path, []string{t.input.Name}, []string{t.output.Name}, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: open session for %s: %v", ErrUnavailable, path, err)
	}
	return t, nil
}

// readGraphIO reads the graph's inputs and outputs; the file's bytes are dropped before the session
// reads the file again itself.
func readGraphIO(path string) ([]ioInfo, []ioInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: read %v", ErrUnavailable, err)
	}
	ins, outs, err := graphIO(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s is not an ONNX model: %v", ErrUnavailable, path, err)
	}
	return ins, outs, nil
}

// run feeds one input tensor and returns the output rows (one per batch item), copied out of ORT memory.
func (t *tower) run(input ort.Value, batch int) ([][]float32, error) {
	outputs := []ort.Value{nil}
	t.runs.Lock()
	if t.session == nil {
		t.runs.Unlock()
		return nil, fmt.Errorf("model is closed")
	}
	err := t.session.Run([]ort.Value{input}, outputs)
	t.runs.Unlock()
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", t.input.Name, err)
	}
	defer outputs[0].Destroy()
	out, ok := outputs[0].(*ort.Tensor[float32])
	if !ok {
		return nil, fmt.Errorf("output %s is not a float32 tensor", t.output.Name)
	}
	shape := out.GetShape()
	data := out.GetData()
	if len(shape) != 2 || int(shape[0]) != batch {
		return nil, fmt.Errorf("output %s has shape %v, want [%d, D]", t.output.Name, shape, batch)
	}
	dim := int(shape[1])
	rows := make([][]float32, batch)
	for i := range rows {
		rows[i] = append([]float32(nil), data[i*dim:(i+1)*dim]...)
	}
	return rows, nil
}

// close destroys the session once; later calls do nothing.
func (t *tower) close() error {
	if t == nil {
		return nil
	}
	t.runs.Lock()
	defer t.runs.Unlock()
	if t.session == nil {
		return nil
	}
	err := t.session.Destroy()
	t.session = nil
	return err
}
