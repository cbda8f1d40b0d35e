package solution

import (
	"fmt"
	"os"
	"sync"
)

type Counter interface {
	Inc()
	Value() int
}

type counter struct{ mu sync.Mutex }

func (c *counter) Inc() {}

func New() Counter {
	return &counter{}
}

func add(a, b int) int { return a + b }

func Broken() string {
	unused := 1
	var s string = add(1, 2)
	fmt.Println(missing)
	return add(1)
}
