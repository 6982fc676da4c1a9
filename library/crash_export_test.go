package library

import "sort"

// StoreIDs lists the photo ids of the metadata index and of the vector index (nil without a model), sorted,
// for the crash tests of the external test package to compare.
func StoreIDs(l *Library) (docs, vecs []string, err error) {
	err = l.store.Each(nil, func(id string, _ map[string]string) error {
		docs = append(docs, id)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if v := l.vecs(); v != nil {
		vecs = []string{}
		for _, k := range v.IDs() {
			vecs = append(vecs, photoIDOfKey(k))
		}
	}
	sort.Strings(docs)
	sort.Strings(vecs)
	return docs, vecs, nil
}
