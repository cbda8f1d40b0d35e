package main

import (
	"fmt"
	"runtime"
	"unsafe"
)

func unsafeBug() *int {
	x := 42
	return (*int)(unsafe.Pointer(&x)) // the address of a local variable
}

func main() {
	p := unsafeBug()
	runtime.GC()
	junk := make([]int, 1<<16) // give the allocator a reason to reuse memory
	for i := range junk {
		junk[i] = -1
	}
	runtime.GC()
	fmt.Println(*p, len(junk))
}
