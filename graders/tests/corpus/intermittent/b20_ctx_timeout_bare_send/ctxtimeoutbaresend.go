package ctxtimeoutbaresend

import (
	"context"
	"strings"
	"time"
)

func lookup(name string) string {
	time.Sleep(time.Duration(len(name)) * 50 * time.Microsecond)
	return strings.ToUpper(name)
}

func Lookup(ctx context.Context, name string) (string, error) {
	answer := make(chan string)
	go func() { answer <- lookup(name) }()
	select {
	case a := <-answer:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
