package library

import (
	"context"
	"fmt"
)

// repredict names the peaks of every stored photo again, after the catalog changed. It needs no decoding:
// the camera is in the record and the vector in the vector store.
func (l *Library) repredict(ctx context.Context) error {
	var batch []Photo
	flush := func() error {
		err := l.writePhotos(batch, nil)
		batch = nil
		return err
	}
	err := l.meta.Each(nil, fieldRecord, func(id, rec string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := decodeRecord(id, rec)
		if err != nil {
			return nil // read again from the photo by the scan
		}
		var vec []float32
		if l.vectors != nil {
			vec, _ = l.vectors.Get(vectorKey(id))
		}
		preds, err := l.identifier.predict(p, vec, predictionsN)
		if err != nil {
			return err
		}
		p.PredictedPeaks = guesses(preds)
		batch = append(batch, p)
		if len(batch) >= batchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("identify peaks again after a catalog change: %w", err)
	}
	return nil
}
