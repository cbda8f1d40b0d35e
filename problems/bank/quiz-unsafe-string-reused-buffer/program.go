package main

import (
	"fmt"
	"unsafe"
)

func main() {
	buf := make([]byte, 0, 64)
	buf = append(buf, "alice"...)

	copied := string(buf)
	zeroCopy := unsafe.String(unsafe.SliceData(buf), len(buf))

	buf = buf[:0] // reuse the buffer for the next record
	buf = append(buf, "bob"...)

	fmt.Println(copied, zeroCopy, len(zeroCopy))
}
