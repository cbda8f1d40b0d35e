package solution

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Module identifies one module version.
type Module struct {
	Path    string
	Version string
}

// Fetcher downloads a module archive.
type Fetcher func(ctx context.Context, m Module) ([]byte, error)

var (
	ErrChecksumMismatch = errors.New("checksum mismatch")
	ErrMissingSum       = errors.New("missing go.sum entry")
)

// VerifyError is the failure of one module.
type VerifyError struct {
	Module Module
	Err    error
}

func (e *VerifyError) Error() string {
	return "verify " + e.Module.Path + "@" + e.Module.Version + ": " + e.Err.Error()
}

func (e *VerifyError) Unwrap() error { return e.Err }

// Hash returns the checksum of a module archive as written in go.sum.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
}

// ParseSums reads go.sum lines.
func ParseSums(r io.Reader) (map[Module]string, error) {
	sums := map[Module]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 3 || !strings.HasPrefix(fields[2], "h1:") {
			return nil, fmt.Errorf("go.sum line %d: malformed entry %q", n, sc.Text())
		}
		if strings.HasSuffix(fields[1], "/go.mod") {
			continue // the hash of go.mod alone, not of the archive
		}
		sums[Module{fields[0], fields[1]}] = fields[2]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("go.sum: %w", err)
	}
	return sums, nil
}

// Verify checks every module against sums, downloading with at most workers fetches at once.
func Verify(ctx context.Context, mods []Module, sums map[Module]string, fetch Fetcher, workers int) error {
	errs := make([]error, len(mods)) // one slot per module: no lock, and the order is kept
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(max(workers, 1), len(mods)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = verifyOne(ctx, mods[i], sums[mods[i]], fetch)
			}
		}()
	}

feed:
	for i, m := range mods {
		if _, ok := sums[m]; !ok {
			errs[i] = &VerifyError{Module: m, Err: ErrMissingSum}
			continue
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs) // on every path: the workers' range loops must end
	wg.Wait()

	if err := ctx.Err(); err != nil {
		return errors.Join(append([]error{err}, errs...)...)
	}
	return errors.Join(errs...) // nil slots are skipped; all nil gives nil
}

func verifyOne(ctx context.Context, m Module, want string, fetch Fetcher) error {
	data, err := fetch(ctx, m)
	if err != nil {
		return &VerifyError{Module: m, Err: fmt.Errorf("download: %w", err)}
	}
	if got := Hash(data); got != want {
		return &VerifyError{Module: m, Err: fmt.Errorf("%w: go.sum has %s, downloaded %s", ErrChecksumMismatch, want, got)}
	}
	return nil
}
