package timerbufferedresult

import (
	"errors"
	"time"
)

var ErrTimeout = errors.New("timeout")

func slowSquare(n int) int {
	time.Sleep(time.Duration(n%3) * time.Millisecond)
	return n * n
}

func SquareWithin(n int, d time.Duration) (int, error) {
	result := make(chan int, 1)
	go func() { result <- slowSquare(n) }()
	select {
	case v := <-result:
		return v, nil
	case <-time.After(d):
		return 0, ErrTimeout
	}
}
