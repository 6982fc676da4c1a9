package media

import (
	"bytes"
	"fmt"
)

// heifMeta is what Inspect needs from a HEIF file's meta box: the primary image's stored size and the bytes of
// its Exif item.
type heifMeta struct {
	width, height int // ispe of the primary item: the coded size, before rotation (irot) or mirroring (imir)
	exif          []byte
	exifErr       error // the Exif item is declared but cannot be located; the image may still be fine
	xmp           []byte
	rotated       bool // the primary item has a rotation (irot) or mirroring (imir) property
}

// extent is one piece of an item's data: an offset into the file (or into idat) and a length.
type extent struct{ offset, length uint64 }

type itemLocation struct {
	constructionMethod uint16 // 0: file offset, 1: offset into the meta box's idat
	extents            []extent
}

// readHEIFMeta parses ftyp/meta/{pitm,iinf,iloc,iprp,idat} from a whole HEIF file.
func readHEIFMeta(data []byte) (heifMeta, error) {
	top, err := readBoxes(data)
	if err != nil && len(top) == 0 {
		return heifMeta{}, fmt.Errorf("heif boxes: %w", err)
	}
	meta, ok := findBox(top, "meta")
	if !ok {
		return heifMeta{}, fmt.Errorf("%w: heif file has no meta box", ErrCorrupt)
	}
	if len(meta.body) < 4 {
		return heifMeta{}, fmt.Errorf("%w: heif meta box too short", ErrCorrupt)
	}
	children, err := readBoxes(meta.body[4:]) // skip the full-box version and flags
	if err != nil {
		return heifMeta{}, fmt.Errorf("heif meta: %w", err)
	}

	primary, err := readPrimaryItemID(children)
	if err != nil {
		return heifMeta{}, err
	}
	var m heifMeta
	var props []box
	m.width, m.height, props, err = readItemSize(children, primary)
	if err != nil {
		return heifMeta{}, err
	}
	for _, p := range props {
		m.rotated = m.rotated || p.typ == "irot" || p.typ == "imir"
	}
	m.exif, m.exifErr = readExifItem(data, children)
	m.xmp, _ = readXMPItem(data, children)
	return m, nil
}

// readExifItem returns the bytes of the Exif item, nil when there is none.
func readExifItem(data []byte, children []box) ([]byte, error) {
	exifID, ok, err := findItemOfType(children, "Exif", "")
	if err != nil || !ok {
		return nil, err
	}
	return readItem(data, children, exifID)
}

// readXMPItem returns the bytes of the XMP item (a "mime" item of type application/rdf+xml), nil when there
// is none.
func readXMPItem(data []byte, children []box) ([]byte, error) {
	id, ok, err := findItemOfType(children, "mime", "application/rdf+xml")
	if err != nil || !ok {
		return nil, err
	}
	return readItem(data, children, id)
}

// readItem returns the bytes of item id.
func readItem(data []byte, children []box, id uint32) ([]byte, error) {
	locs, err := readItemLocations(children)
	if err != nil {
		return nil, err
	}
	loc, ok := locs[id]
	if !ok {
		return nil, fmt.Errorf("%w: heif item %d has no location", ErrCorrupt, id)
	}
	var idat []byte
	if b, ok := findBox(children, "idat"); ok {
		idat = b.body
	}
	return itemBytes(data, idat, loc, maxEXIFBytes)
}

func readPrimaryItemID(children []box) (uint32, error) {
	b, ok := findBox(children, "pitm")
	if !ok {
		return 0, fmt.Errorf("%w: heif file has no primary item (pitm)", ErrCorrupt)
	}
	r := byteReader{b: b.body}
	version, _ := r.fullBoxHeader()
	var id uint32
	if version == 0 {
		id = uint32(r.u16())
	} else {
		id = r.u32()
	}
	if r.err != nil {
		return 0, fmt.Errorf("heif pitm: %w", r.err)
	}
	return id, nil
}

// findItemOfType returns the id of the first item whose infe type is itemType and, when contentType is not
// empty, whose content type (of a "mime" item) is contentType.
func findItemOfType(children []box, itemType, contentType string) (uint32, bool, error) {
	b, ok := findBox(children, "iinf")
	if !ok {
		return 0, false, nil
	}
	r := byteReader{b: b.body}
	version, _ := r.fullBoxHeader()
	countSize := 2
	if version > 0 {
		countSize = 4
	}
	r.uint(countSize)
	if r.err != nil {
		return 0, false, fmt.Errorf("heif iinf: %w", r.err)
	}
	entries, err := readBoxes(b.body[r.off:])
	if err != nil && len(entries) == 0 {
		return 0, false, fmt.Errorf("heif iinf: %w", err)
	}
	for _, e := range entries {
		if e.typ != "infe" {
			continue
		}
		er := byteReader{b: e.body}
		v, _ := er.fullBoxHeader()
		if v < 2 { // versions 0 and 1 carry no item type
			continue
		}
		var id uint32
		if v == 2 {
			id = uint32(er.u16())
		} else {
			id = er.u32()
		}
		er.u16() // item_protection_index
		typ := er.take(4)
		if er.err != nil || string(typ) != itemType {
			continue
		}
		if contentType == "" {
			return id, true, nil
		}
		rest := er.b[er.off:] // item_name, then content_type, both NUL-terminated
		if name := bytes.IndexByte(rest, 0); name >= 0 {
			ct, _, _ := bytes.Cut(rest[name+1:], []byte{0})
			if string(ct) == contentType {
				return id, true, nil
			}
		}
	}
	return 0, false, nil
}

// readItemLocations parses the iloc box (versions 0, 1 and 2).
func readItemLocations(children []box) (map[uint32]itemLocation, error) {
	b, ok := findBox(children, "iloc")
	if !ok {
		return nil, fmt.Errorf("%w: heif file has no item locations (iloc)", ErrCorrupt)
	}
	r := byteReader{b: b.body}
	version, _ := r.fullBoxHeader()
	sizes := r.u8()
	offsetSize, lengthSize := int(sizes>>4), int(sizes&15)
	sizes = r.u8()
	baseOffsetSize, indexSize := int(sizes>>4), 0
	if version == 1 || version == 2 {
		indexSize = int(sizes & 15)
	}
	idSize := 2
	if version == 2 {
		idSize = 4
	}
	count := r.uint(idSize)
	locs := make(map[uint32]itemLocation)
	for i := uint64(0); i < count && r.err == nil; i++ {
		id := uint32(r.uint(idSize))
		var loc itemLocation
		if version == 1 || version == 2 {
			loc.constructionMethod = r.u16() & 15
		}
		r.u16() // data_reference_index: 0 means this file
		base := r.uint(baseOffsetSize)
		n := int(r.u16())
		for j := 0; j < n && r.err == nil; j++ {
			r.uint(indexSize)
			off := r.uint(offsetSize)
			length := r.uint(lengthSize)
			loc.extents = append(loc.extents, extent{offset: base + off, length: length})
		}
		locs[id] = loc
	}
	if r.err != nil {
		return nil, fmt.Errorf("heif iloc: %w", r.err)
	}
	return locs, nil
}

// maxEXIFBytes bounds an Exif item; real ones are a few tens of KiB.
const maxEXIFBytes = 4 << 20

// itemBytes concatenates an item's extents, from the file (method 0) or from idat (method 1), refusing to
// gather more than limit bytes.
func itemBytes(file, idat []byte, loc itemLocation, limit int) ([]byte, error) {
	src := file
	switch loc.constructionMethod {
	case 0:
	case 1:
		src = idat
	default:
		return nil, fmt.Errorf("%w: heif item construction method %d", ErrUnsupported, loc.constructionMethod)
	}
	var out []byte
	for _, e := range loc.extents {
		if e.offset > uint64(len(src)) || e.length > uint64(len(src))-e.offset {
			return nil, fmt.Errorf("%w: heif item extent %d+%d beyond %d bytes", ErrCorrupt, e.offset, e.length, len(src))
		}
		end := e.offset + e.length
		if e.length == 0 { // "to the end of the source"
			end = uint64(len(src))
		}
		if uint64(len(out))+end-e.offset > uint64(limit) {
			return nil, fmt.Errorf("%w: heif item larger than %d bytes", ErrCorrupt, limit)
		}
		out = append(out, src[e.offset:end]...)
	}
	return out, nil
}

// readItemSize finds the ispe property associated with item id through iprp/ipco and iprp/ipma, and returns
// all of the item's properties.
func readItemSize(children []box, id uint32) (int, int, []box, error) {
	iprp, ok := findBox(children, "iprp")
	if !ok {
		return 0, 0, nil, fmt.Errorf("%w: heif file has no item properties (iprp)", ErrCorrupt)
	}
	parts, err := readBoxes(iprp.body)
	if err != nil && len(parts) == 0 {
		return 0, 0, nil, fmt.Errorf("heif iprp: %w", err)
	}
	ipco, ok1 := findBox(parts, "ipco")
	ipma, ok2 := findBox(parts, "ipma")
	if !ok1 || !ok2 {
		return 0, 0, nil, fmt.Errorf("%w: heif iprp lacks ipco or ipma", ErrCorrupt)
	}
	props, err := readBoxes(ipco.body)
	if err != nil && len(props) == 0 {
		return 0, 0, nil, fmt.Errorf("heif ipco: %w", err)
	}
	indexes, err := propertyIndexes(ipma.body, id)
	if err != nil {
		return 0, 0, nil, err
	}
	var own []box
	for _, idx := range indexes {
		if idx >= 1 && idx <= len(props) {
			own = append(own, props[idx-1])
		}
	}
	for _, p := range own {
		if p.typ != "ispe" {
			continue
		}
		r := byteReader{b: p.body}
		r.fullBoxHeader()
		w, h := r.u32(), r.u32()
		if r.err != nil {
			return 0, 0, nil, fmt.Errorf("heif ispe: %w", r.err)
		}
		return int(w), int(h), own, nil
	}
	return 0, 0, nil, fmt.Errorf("%w: heif primary item %d has no size (ispe)", ErrCorrupt, id)
}

// propertyIndexes returns the 1-based ipco indexes that ipma associates with item id.
func propertyIndexes(ipma []byte, id uint32) ([]int, error) {
	r := byteReader{b: ipma}
	version, flags := r.fullBoxHeader()
	count := r.u32()
	for i := uint32(0); i < count && r.err == nil; i++ {
		var itemID uint32
		if version < 1 {
			itemID = uint32(r.u16())
		} else {
			itemID = r.u32()
		}
		n := int(r.u8())
		var idx []int
		for j := 0; j < n && r.err == nil; j++ {
			if flags&1 != 0 {
				idx = append(idx, int(r.u16()&0x7fff))
			} else {
				idx = append(idx, int(r.u8()&0x7f))
			}
		}
		if itemID == id {
			return idx, r.err
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("heif ipma: %w", r.err)
	}
	return nil, nil
}
