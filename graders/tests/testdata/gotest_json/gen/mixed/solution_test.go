package solution

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestPass(t *testing.T) {
	if Sum(1, 2) != 3 {
		t.Fatal("wrong")
	}
}

func TestFail(t *testing.T) {
	t.Log("about to fail")
	t.Errorf("Sum(1, 2) = %d, want 4", Sum(1, 2))
}

func TestSkip(t *testing.T) {
	t.Skip("not today")
}

func TestSub(t *testing.T) {
	t.Run("ok", func(t *testing.T) {})
	t.Run("bad", func(t *testing.T) { t.Error("sub failed") })
	t.Run("skipped", func(t *testing.T) { t.Skip("skip sub") })
}

func TestParallel(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			time.Sleep(10 * time.Millisecond)
		})
	}
}

// TestPrints writes to stdout, to stderr and forges a report line of its own.
func TestPrints(t *testing.T) {
	fmt.Println("hello from stdout")
	fmt.Fprintln(os.Stderr, "hello from stderr")
	fmt.Println("--- FAIL: TestPass (0.00s)")
}

// TestLarge prints more than the parser keeps of one test's output.
func TestLarge(t *testing.T) {
	for i := 0; i < 800; i++ {
		fmt.Printf("line %04d: %s\n", i, strings.Repeat("0123456789", 9))
	}
}
