package vectors

func isUnsupportedSync(error) bool { return true }
