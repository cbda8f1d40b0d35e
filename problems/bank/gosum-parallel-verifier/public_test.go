package solution

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestExampleHashAndParse(t *testing.T) {
	if got, want := Hash([]byte("hello")), "h1:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="; got != want {
		t.Fatalf("Hash(hello) = %s, want %s", got, want)
	}
	sums, err := ParseSums(strings.NewReader(`example.com/a v1.0.0 h1:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=
example.com/a v1.0.0/go.mod h1:AAAA
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 || sums[Module{"example.com/a", "v1.0.0"}] != Hash([]byte("hello")) {
		t.Fatalf("ParseSums = %v", sums)
	}
}

func TestExampleVerifyReportsMismatch(t *testing.T) {
	a, b := Module{"example.com/a", "v1.0.0"}, Module{"example.com/b", "v0.3.1"}
	sums := map[Module]string{a: Hash([]byte("a-zip")), b: Hash([]byte("b-zip"))}
	fetch := func(ctx context.Context, m Module) ([]byte, error) {
		if m == b {
			return []byte("tampered"), nil
		}
		return []byte("a-zip"), nil
	}
	err := Verify(context.Background(), []Module{a, b}, sums, fetch, 2)
	if !errors.Is(err, ErrChecksumMismatch) {
		t.Fatalf("Verify = %v, want an error wrapping ErrChecksumMismatch", err)
	}
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.Module != b {
		t.Fatalf("Verify = %v, want a *VerifyError for %v", err, b)
	}
}
