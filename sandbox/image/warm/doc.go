// Package solution is not graded: it exists to warm the sandbox's Go build
// cache. It imports what concurrency exercises typically use, so building
// and vetting it (with and without -race) leaves the compiled packages and
// vet facts of all of them in /opt/goconcur/gocache.
//
// The module (goconcur/solution, go.mod and go.sum) is the job template from
// sandbox/image/module; build.sh copies it next to these files, together
// with graders/harness/*.go when that folder has any. All identifiers here
// start with "warm" so that they do not clash with harness files.
package solution
