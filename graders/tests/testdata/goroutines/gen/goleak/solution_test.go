package solution

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"
)

func TestStart(t *testing.T) { Start() }

// TestMain prints goleak.Find's error so the fixture holds its exact text.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := goleak.Find(); err != nil {
		fmt.Println(err)
	}
	os.Exit(code)
}
