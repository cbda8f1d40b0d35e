// Package ids hands out ids from a package-level counter: correct, but a test that expects
// the first id passes only on its first run in a process. Repeated with -count in one
// process it fails; in fresh processes it always passes.
package ids

var last int

func Next() int {
	last++
	return last
}
