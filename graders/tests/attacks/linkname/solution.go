package solution

import _ "unsafe"

//go:linkname nanotime runtime.nanotime
func nanotime() int64

func Attack() int { _ = nanotime(); return 42 }
