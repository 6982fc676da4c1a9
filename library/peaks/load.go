package peaks

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/cairn-photos/cairn/assets"
	"gopkg.in/yaml.v3"
)

// FieldError is one problem in a catalog file, located by line and field so the user can fix it.
type FieldError struct {
	Source string // the file, as given to Load
	Line   int    // 1-based; 0 when unknown
	Field  string // e.g. "peaks[3].lon"
	Msg    string
}

func (e *FieldError) Error() string {
	loc := e.Source
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	if e.Field == "" {
		return loc + ": " + e.Msg
	}
	return loc + ": " + e.Field + ": " + e.Msg
}

// maxCatalogBytes bounds what Load reads: the bundled catalog is about 20 KB.
const maxCatalogBytes = 16 << 20

// Load reads and checks a catalog in YAML. Every problem found is reported (joined), each as a
// *FieldError naming source:line and the field.
func Load(r io.Reader, source string) (*Catalog, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCatalogBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read peak catalog %s: %w", source, err)
	}
	if len(data) > maxCatalogBytes {
		return nil, &FieldError{Source: source, Msg: fmt.Sprintf("larger than %d bytes", maxCatalogBytes)}
	}
	root, err := parseYAML(data, source)
	if err != nil {
		return nil, err
	}
	d := &decoder{source: source}
	cat := d.catalog(root)
	if len(d.errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	cat.Sources = []string{source}
	return cat, nil
}

// LoadFile reads and checks a catalog file. Relative reference photo paths are resolved against the
// file's folder, so the catalog works from any current directory.
func LoadFile(name string) (*Catalog, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open peak catalog: %w", err)
	}
	defer f.Close()
	c, err := Load(f, name)
	if err != nil {
		return nil, err
	}
	for i := range c.Peaks {
		for j, ref := range c.Peaks[i].ReferencePhotos {
			if !filepath.IsAbs(ref) {
				c.Peaks[i].ReferencePhotos[j] = filepath.Join(filepath.Dir(name), ref)
			}
		}
	}
	return c, nil
}

// Bundled loads the catalogs shipped inside the binary (assets/peaks/*.yaml), merged in file-name order.
func Bundled() (*Catalog, error) {
	files, err := assets.PeakCatalogs()
	if err != nil {
		return nil, err
	}
	return loadFS(files, "assets/peaks")
}

// loadFS loads and merges every *.yaml at the root of fsys; prefix names the files in errors.
func loadFS(fsys fs.FS, prefix string) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list peak catalogs in %s: %w", prefix, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no peak catalogs in %s", prefix)
	}
	var all *Catalog
	for _, name := range names { // fs.Glob returns sorted names
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read peak catalog %s: %w", name, err)
		}
		cat, err := Load(bytes.NewReader(data), path.Join(prefix, name))
		if err != nil {
			return nil, err
		}
		if all == nil {
			all = cat
			continue
		}
		if err := all.Merge(cat); err != nil {
			return nil, err
		}
	}
	if len(all.Prototype.Templates) == 0 || len(all.Concept.Templates) == 0 {
		return nil, fmt.Errorf("bundled peak catalogs %v: no prototype or concept prompt configuration", all.Sources)
	}
	return all, nil
}

// yamlLine finds the line number in a yaml.v3 error message ("yaml: line 7: ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseYAML parses data into a document node. A panic inside the YAML parser becomes an error for this file.
func parseYAML(data []byte, source string) (root *yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			root, err = nil, &FieldError{Source: source, Msg: fmt.Sprintf("YAML parser failed: %v", p)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		fe := &FieldError{Source: source, Msg: err.Error()}
		if m := yamlLine.FindStringSubmatch(fe.Msg); m != nil {
			fe.Line, _ = strconv.Atoi(m[1])
			fe.Msg = "YAML: " + fe.Msg[len(m[0]):]
		}
		return nil, fe
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &FieldError{Source: source, Msg: "empty catalog"}
	}
	return doc.Content[0], nil
}
