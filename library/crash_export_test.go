package library

import "sort"

// StoreIDs lists the photo ids of the metadata index and of the vector index (nil without a model), sorted,
// for the crash tests of the external test package to compare.
func StoreIDs(l *Library) (docs, vecs []string, err error) {
	err = l.meta.EachID(func(id string) error {
		docs = append(docs, id)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if l.vectors != nil {
		vecs = []string{}
		for _, k := range l.vectors.IDs() {
			vecs = append(vecs, photoIDOfKey(k))
		}
	}
	sort.Strings(docs)
	sort.Strings(vecs)
	return docs, vecs, nil
}
