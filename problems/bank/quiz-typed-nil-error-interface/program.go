package main

import (
	"errors"
	"fmt"
)

type NotFoundError struct{ Key string }

func (e *NotFoundError) Error() string { return "not found: " + e.Key }

func find(key string) error {
	var err *NotFoundError
	if key == "missing" {
		err = &NotFoundError{Key: key}
	}
	return err
}

func main() {
	var v any = "hello"
	s, ok := v.(string)
	n, ok2 := v.(int)
	fmt.Println(s, ok, n, ok2)

	err := find("present")
	fmt.Println(err == nil)

	var nf *NotFoundError
	fmt.Println(errors.As(err, &nf), nf == nil)

	defer func() { fmt.Println("recovered:", recover() != nil) }()
	fmt.Println(v.(fmt.Stringer))
}
