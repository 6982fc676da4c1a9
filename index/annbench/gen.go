package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"

	"github.com/cairn-photos/cairn/index/annbench/clustered"
)

// generate writes c.gen base and c.nq query vectors drawn from one clustered distribution.
func generate(c config) error {
	gen := clustered.New(clustered.Params{Dim: c.dim, Clusters: c.clusters, Seed: c.seed})
	if err := writeRows(c.base, gen, c.gen); err != nil {
		return err
	}
	return writeRows(c.queries, gen, c.nq)
}

func writeRows(path string, gen *clustered.Generator, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	row := make([]float32, gen.Dim())
	for range n {
		gen.Next(row)
		if err := binary.Write(w, binary.LittleEndian, row); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
