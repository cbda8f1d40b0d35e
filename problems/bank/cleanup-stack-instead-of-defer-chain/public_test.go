package solution

import (
	"fmt"
	"strings"
	"testing"
)

func TestRunIsLastInFirstOut(t *testing.T) {
	var c Cleanup
	var order []int
	for i := 1; i <= 3; i++ {
		c.Defer(func() { order = append(order, i) })
	}
	if err := c.Run(); err != nil {
		t.Fatalf("Run() = %v, want nil", err)
	}
	if fmt.Sprint(order) != "[3 2 1]" {
		t.Fatalf("ran in order %v, want [3 2 1]", order)
	}
}

func TestPanicDoesNotStopTheRest(t *testing.T) {
	var c Cleanup
	ran := 0
	c.Defer(func() { ran++ })
	c.Defer(func() { panic("disk full") })
	c.Defer(func() { ran++ })
	err := c.Run()
	if ran != 2 {
		t.Fatalf("%d of the 2 other functions ran", ran)
	}
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Run() = %v, want an error mentioning the panic", err)
	}
}
