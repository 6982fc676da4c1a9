package atomicfile

// unsupportedSync is true: Windows cannot sync a folder.
func unsupportedSync(error) bool { return true }
