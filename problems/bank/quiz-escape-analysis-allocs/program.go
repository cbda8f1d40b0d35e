package main

import (
	"fmt"
	"testing"
)

type point struct{ x, y int }

//go:noinline
func byValue() point {
	p := point{1, 2}
	return p
}

//go:noinline
func byPointer() *point {
	p := point{1, 2}
	return &p
}

//go:noinline
func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

//go:noinline
func localSlice() int {
	s := make([]int, 8)
	for i := range s {
		s[i] = i
	}
	return s[7]
}

//go:noinline
func bigSlice() int {
	s := make([]byte, 128<<10)
	s[len(s)-1] = 7
	return int(s[len(s)-1])
}

var sinkP point
var sinkPtr *point
var sinkF func() int
var sinkI int

func main() {
	fmt.Println("byValue", testing.AllocsPerRun(100, func() { sinkP = byValue() }))
	fmt.Println("byPointer", testing.AllocsPerRun(100, func() { sinkPtr = byPointer() }))
	fmt.Println("counter", testing.AllocsPerRun(100, func() { sinkF = counter() }))
	fmt.Println("localSlice", testing.AllocsPerRun(100, func() { sinkI = localSlice() }))
	fmt.Println("bigSlice", testing.AllocsPerRun(100, func() { sinkI = bigSlice() }))
}
