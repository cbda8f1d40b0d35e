package main

import (
	"fmt"
	"runtime"
	"weak"
)

func sizeReporter(data []byte) func() int {
	return func() int { return len(data) }
}

func sizeReporterFixed(data []byte) func() int {
	n := len(data)
	return func() int { return n }
}

var handlers = map[string]func() int{}

func main() {
	a := make([]byte, 8<<20)
	b := make([]byte, 8<<20)
	wa, wb := weak.Make(&a[0]), weak.Make(&b[0])

	handlers["a"] = sizeReporter(a)
	handlers["b"] = sizeReporterFixed(b)
	a, b = nil, nil

	runtime.GC()
	fmt.Println("a alive:", wa.Value() != nil)
	fmt.Println("b alive:", wb.Value() != nil)
	fmt.Println(handlers["a"]() + handlers["b"]())
}
