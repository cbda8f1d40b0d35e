package batcher

import (
	"fmt"
	"os"
	"testing"
)

// A TestMain of the package's own, calling os.Exit as most do.
func TestMain(m *testing.M) {
	fmt.Println("setting up")
	code := m.Run()
	fmt.Println("tearing down")
	os.Exit(code)
}
