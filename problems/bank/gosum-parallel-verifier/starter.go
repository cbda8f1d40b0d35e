package solution

import (
	"context"
	"errors"
	"io"
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
	// TODO
	return ""
}

// ParseSums reads go.sum lines.
func ParseSums(r io.Reader) (map[Module]string, error) {
	// TODO
	return nil, nil
}

// Verify checks every module against sums, downloading with at most workers fetches at once.
func Verify(ctx context.Context, mods []Module, sums map[Module]string, fetch Fetcher, workers int) error {
	// TODO
	return nil
}
