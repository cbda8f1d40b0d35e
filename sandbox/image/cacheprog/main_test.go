package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func actionID(s string) []byte { h := sha256.Sum256([]byte("action:" + s)); return h[:] }

// writeGoEntry stores data under id in dir exactly like cmd/go's DiskCache.
func writeGoEntry(t *testing.T, dir string, id, data []byte) (outPath string) {
	t.Helper()
	out := sha256.Sum256(data)
	outPath = fileName(dir, out[:], "d")
	must(t, os.MkdirAll(filepath.Dir(outPath), 0o755))
	must(t, os.WriteFile(outPath, data, 0o644))
	idx := fmt.Sprintf("v1 %x %x %20d %20d\n", id, out, len(data), time.Unix(1700000000, 5).UnixNano())
	a := fileName(dir, id, "a")
	must(t, os.MkdirAll(filepath.Dir(a), 0o755))
	must(t, os.WriteFile(a, []byte(idx), 0o644))
	return outPath
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func reqLine(t *testing.T, r request) string {
	t.Helper()
	b, err := json.Marshal(r)
	must(t, err)
	return string(b) + "\n\n" // cmd/go writes an extra newline after each request
}

func putLines(t *testing.T, id int64, action, body []byte) string {
	out := sha256.Sum256(body)
	s := reqLine(t, request{ID: id, Command: "put", ActionID: action, OutputID: out[:], BodySize: int64(len(body))})
	if len(body) > 0 {
		s += `"` + base64.StdEncoding.EncodeToString(body) + "\"\n"
	}
	return s
}

// run feeds input to a server and returns all responses, the handshake first.
func run(t *testing.T, s *server, input string) []response {
	t.Helper()
	var out bytes.Buffer
	if err := s.serve(strings.NewReader(input), &out); err != nil {
		t.Fatalf("serve: %v", err)
	}
	var resps []response
	dec := json.NewDecoder(&out)
	for {
		var r response
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("decoding response: %v\n%s", err, out.String())
		}
		resps = append(resps, r)
	}
	if len(resps) == 0 || len(resps[0].KnownCommands) != 3 || resps[0].ID != 0 {
		t.Fatalf("bad handshake: %+v", resps)
	}
	return resps[1:]
}

func newTestServer(t *testing.T) (*server, string, string) {
	t.Helper()
	base := t.TempDir()
	ro, rw := filepath.Join(base, "ro"), filepath.Join(base, "rw")
	must(t, os.MkdirAll(ro, 0o755))
	s, err := newServer(ro, rw)
	must(t, err)
	s.logw = io.Discard
	return s, ro, rw
}

func TestGetFromReadOnly(t *testing.T) {
	s, ro, rw := newTestServer(t)
	data := []byte("compiled package")
	p := writeGoEntry(t, ro, actionID("a"), data)
	resps := run(t, s, reqLine(t, request{ID: 1, Command: "get", ActionID: actionID("a")})+
		reqLine(t, request{ID: 2, Command: "get", ActionID: actionID("missing")})+
		reqLine(t, request{ID: 3, Command: "close"}))
	if len(resps) != 3 {
		t.Fatalf("got %d responses, want 3", len(resps))
	}
	r := resps[0]
	want := sha256.Sum256(data)
	if r.ID != 1 || r.Miss || r.Err != "" || r.DiskPath != p || r.Size != int64(len(data)) || !bytes.Equal(r.OutputID, want[:]) {
		t.Errorf("hit: got %+v, want DiskPath %s", r, p)
	}
	if r.Time == nil || r.Time.UnixNano() != time.Unix(1700000000, 5).UnixNano() {
		t.Errorf("hit: Time = %v", r.Time)
	}
	if !resps[1].Miss || resps[1].ID != 2 {
		t.Errorf("miss: got %+v", resps[1])
	}
	if resps[2].ID != 3 || resps[2].Err != "" {
		t.Errorf("close: got %+v", resps[2])
	}
	if _, err := os.Stat(rw); !os.IsNotExist(err) {
		t.Errorf("rw dir created without a put: %v", err)
	}
}

func TestGetReadOnlyDamaged(t *testing.T) {
	cases := map[string]func(t *testing.T, ro string, id []byte, dpath string){
		"data missing": func(t *testing.T, ro string, id []byte, dpath string) { must(t, os.Remove(dpath)) },
		"data wrong size": func(t *testing.T, ro string, id []byte, dpath string) {
			must(t, os.WriteFile(dpath, []byte("short"), 0o644))
		},
		"data is a dir": func(t *testing.T, ro string, id []byte, dpath string) {
			must(t, os.Remove(dpath))
			must(t, os.Mkdir(dpath, 0o755))
		},
		"index truncated": func(t *testing.T, ro string, id []byte, dpath string) {
			a := fileName(ro, id, "a")
			b, _ := os.ReadFile(a)
			must(t, os.WriteFile(a, b[:len(b)-2], 0o644))
		},
		"index too long": func(t *testing.T, ro string, id []byte, dpath string) {
			a := fileName(ro, id, "a")
			b, _ := os.ReadFile(a)
			must(t, os.WriteFile(a, append(b, 'x'), 0o644))
		},
		"index for another action": func(t *testing.T, ro string, id []byte, dpath string) {
			a := fileName(ro, id, "a")
			b, _ := os.ReadFile(a)
			copy(b[3:], fmt.Sprintf("%x", actionID("other")))
			must(t, os.WriteFile(a, b, 0o644))
		},
		"index garbage": func(t *testing.T, ro string, id []byte, dpath string) {
			must(t, os.WriteFile(fileName(ro, id, "a"), bytes.Repeat([]byte{'z'}, entrySize), 0o644))
		},
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			s, ro, _ := newTestServer(t)
			id := actionID(name)
			damage(t, ro, id, writeGoEntry(t, ro, id, []byte("0123456789")))
			resps := run(t, s, reqLine(t, request{ID: 7, Command: "get", ActionID: id}))
			if len(resps) != 1 || !resps[0].Miss || resps[0].Err != "" {
				t.Errorf("got %+v, want a miss", resps)
			}
		})
	}
}

func TestPutThenGet(t *testing.T) {
	s, ro, rw := newTestServer(t)
	body := bytes.Repeat([]byte("object file bytes\n"), 10000) // spans several reads
	resps := run(t, s, putLines(t, 1, actionID("p"), body)+
		reqLine(t, request{ID: 2, Command: "get", ActionID: actionID("p")})+
		putLines(t, 3, actionID("empty"), nil)+
		reqLine(t, request{ID: 4, Command: "get", ActionID: actionID("empty")}))
	if len(resps) != 4 {
		t.Fatalf("got %d responses: %+v", len(resps), resps)
	}
	out := sha256.Sum256(body)
	wantPath := fileName(rw, out[:], "d")
	if resps[0].Err != "" || resps[0].DiskPath != wantPath {
		t.Fatalf("put: %+v, want DiskPath %s", resps[0], wantPath)
	}
	if got, _ := os.ReadFile(wantPath); !bytes.Equal(got, body) {
		t.Errorf("stored body differs")
	}
	if r := resps[1]; r.Miss || r.DiskPath != wantPath || r.Size != int64(len(body)) || !bytes.Equal(r.OutputID, out[:]) {
		t.Errorf("get after put: %+v", r)
	}
	if resps[2].Err != "" || resps[3].Miss || resps[3].Size != 0 {
		t.Errorf("empty body: put %+v, get %+v", resps[2], resps[3])
	}
	// The rw dir is an ordinary GOCACHE directory: its index parses like cmd/go's.
	if _, ok := readIndex(fileName(rw, actionID("p"), "a"), actionID("p")); !ok {
		t.Errorf("rw index entry does not parse")
	}
	// Nothing was written to the read-only layer, and no temp files are left.
	ents, _ := os.ReadDir(ro)
	if len(ents) != 0 {
		t.Errorf("ro dir modified: %v", ents)
	}
	filepath.WalkDir(rw, func(p string, d os.DirEntry, err error) error {
		if strings.HasPrefix(d.Name(), ".") {
			t.Errorf("temp file left behind: %s", p)
		}
		return nil
	})
}

func TestPutReusesReadOnlyData(t *testing.T) {
	s, ro, _ := newTestServer(t)
	body := []byte("shared output")
	roPath := writeGoEntry(t, ro, actionID("old"), body)
	resps := run(t, s, putLines(t, 1, actionID("new"), body)+
		reqLine(t, request{ID: 2, Command: "get", ActionID: actionID("new")}))
	if resps[0].DiskPath != roPath || resps[1].DiskPath != roPath {
		t.Errorf("got %+v, want DiskPath %s", resps, roPath)
	}
}

func TestReadOnlyRWLayerFails(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	s, _, rw := newTestServer(t)
	must(t, os.MkdirAll(rw, 0o555))
	resps := run(t, s, putLines(t, 1, actionID("x"), []byte("x"))+reqLine(t, request{ID: 2, Command: "close"}))
	if len(resps) != 2 || resps[0].Err == "" || resps[1].Err != "" {
		t.Errorf("got %+v", resps)
	}
}

func TestMalformedRequests(t *testing.T) {
	s, _, _ := newTestServer(t)
	good := []byte("good")
	goodOut := sha256.Sum256(good)
	var in strings.Builder
	type want struct {
		id  int64
		err string // substring; "" means success
	}
	var wants []want
	add := func(s string, w ...want) { in.WriteString(s); wants = append(wants, w...) }

	add("this is not json\n", want{0, "malformed"})
	add(`{"ID": 11, "Command": 5}`+"\n", want{11, "malformed"})
	add(`{"ID": 12, "Command": "get", "ActionID": "!!!"}`+"\n", want{12, "malformed"})
	add(reqLine(t, request{ID: 13, Command: "get", ActionID: []byte{1, 2}}), want{13, "ActionID"})
	add(reqLine(t, request{ID: 14, Command: "frobnicate"}), want{14, "unknown command"})
	// Unknown command carrying a body: the body must be skipped.
	add(reqLine(t, request{ID: 15, Command: "get2", BodySize: 4})+`"`+base64.StdEncoding.EncodeToString(good)+"\"\n", want{15, "unknown command"})
	// Body does not hash to OutputID.
	add(reqLine(t, request{ID: 16, Command: "put", ActionID: actionID("a"), OutputID: actionID("b"), BodySize: 4})+
		`"`+base64.StdEncoding.EncodeToString(good)+"\"\n", want{16, "OutputID"})
	// Body longer and shorter than BodySize.
	add(reqLine(t, request{ID: 17, Command: "put", ActionID: actionID("a"), OutputID: goodOut[:], BodySize: 2})+
		`"`+base64.StdEncoding.EncodeToString(good)+"\"\n", want{17, "longer"})
	add(reqLine(t, request{ID: 18, Command: "put", ActionID: actionID("a"), OutputID: goodOut[:], BodySize: 40})+
		`"`+base64.StdEncoding.EncodeToString(good)+"\"\n", want{18, "BodySize"})
	// Invalid base64, and an unterminated body string.
	add(reqLine(t, request{ID: 19, Command: "put", ActionID: actionID("a"), OutputID: goodOut[:], BodySize: 4})+
		"\"@@@@not base64@@@@\"\n", want{19, "bad body"})
	add(reqLine(t, request{ID: 20, Command: "put", ActionID: actionID("a"), OutputID: goodOut[:], BodySize: 4})+
		"\"Z29vZA==\n", want{20, "bad body"})
	// Body announced but missing.
	add(reqLine(t, request{ID: 21, Command: "put", ActionID: actionID("a"), OutputID: goodOut[:], BodySize: 4}), want{21, "missing body"})
	// Bad sizes and IDs.
	add(reqLine(t, request{ID: 22, Command: "put", ActionID: actionID("a"), OutputID: goodOut[:], BodySize: -1}), want{22, "BodySize"})
	add(reqLine(t, request{ID: 23, Command: "put", ActionID: actionID("a"), OutputID: []byte{1}}), want{23, "OutputID"})
	// A stray body line is skipped silently; an over-long line gets an error.
	add("\"aGVsbG8=\"\n")
	add(`{"ID": 24, "Command": "get", "pad": "`+strings.Repeat("x", 2*maxLine)+"\"}\n", want{24, "too long"})
	// After all that, the stream is still in sync and works.
	add(putLines(t, 30, actionID("ok"), good), want{30, ""})
	add(reqLine(t, request{ID: 31, Command: "get", ActionID: actionID("ok")}), want{31, ""})
	add(reqLine(t, request{ID: 32, Command: "close"}), want{32, ""})
	add(reqLine(t, request{ID: 33, Command: "get", ActionID: actionID("ok")})) // after close: ignored

	resps := run(t, s, in.String())
	if len(resps) != len(wants) {
		t.Fatalf("got %d responses, want %d:\n%+v", len(resps), len(wants), resps)
	}
	for i, w := range wants {
		r := resps[i]
		if r.ID != w.id {
			t.Errorf("response %d: ID %d, want %d (%+v)", i, r.ID, w.id, r)
		}
		if w.err == "" && r.Err != "" || w.err != "" && !strings.Contains(r.Err, w.err) {
			t.Errorf("response %d (ID %d): Err %q, want %q", i, r.ID, r.Err, w.err)
		}
	}
	if r := resps[len(resps)-2]; r.Miss || r.Size != 4 {
		t.Errorf("get after garbage: %+v", r)
	}
}

func TestEOFWithoutClose(t *testing.T) {
	s, _, _ := newTestServer(t)
	resps := run(t, s, reqLine(t, request{ID: 1, Command: "get", ActionID: actionID("x")}))
	if len(resps) != 1 || !resps[0].Miss {
		t.Errorf("got %+v", resps)
	}
	// Truncated mid-body: serve still returns cleanly.
	run(t, s, reqLine(t, request{ID: 1, Command: "put", ActionID: actionID("x"), OutputID: actionID("y"), BodySize: 100})+`"AAAA`)
}

func FuzzServe(f *testing.F) {
	f.Add([]byte(`{"ID":1,"Command":"get","ActionID":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}` + "\n"))
	f.Add([]byte(`{"ID":2,"Command":"put","ActionID":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","OutputID":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","BodySize":3}` + "\n\n\"YWJj\"\n"))
	f.Add([]byte("\"\"\n{}\n{\"ID\":3,\"Command\":\"close\"}\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		base := t.TempDir()
		s, err := newServer(filepath.Join(base, "ro"), filepath.Join(base, "rw"))
		must(t, err)
		s.logw = io.Discard
		var out bytes.Buffer
		if err := s.serve(bytes.NewReader(in), &out); err != nil {
			t.Fatalf("serve: %v", err)
		}
		dec := json.NewDecoder(&out)
		for dec.More() {
			var r response
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("invalid response JSON: %v", err)
			}
		}
	})
}

// TestGoCommand drives the real go command through the helper: a build whose
// outputs are all in the read-only layer must compile nothing.
func TestGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go code")
	}
	goBin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command")
		}
	}
	tmp := t.TempDir()
	prog := filepath.Join(tmp, "cacheprog")
	if out, err := exec.Command(goBin, "build", "-o", prog, ".").CombinedOutput(); err != nil {
		t.Fatalf("building cacheprog: %v\n%s", err, out)
	}
	src := filepath.Join(tmp, "src")
	must(t, os.MkdirAll(src, 0o755))
	must(t, os.WriteFile(filepath.Join(src, "go.mod"), []byte("module example.com/m\n\ngo 1.22\n"), 0o644))
	writeMain := func(msg string) {
		code := fmt.Sprintf("package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar once sync.Once\n\tonce.Do(func() { fmt.Println(%q) })\n}\n", msg)
		must(t, os.WriteFile(filepath.Join(src, "main.go"), []byte(code), 0o644))
		// Old mtimes let cmd/go cache its module index for src too, so
		// the only possible misses are real compile work.
		old := time.Now().Add(-time.Hour)
		for _, f := range []string{"go.mod", "main.go"} {
			must(t, os.Chtimes(filepath.Join(src, f), old, old))
		}
	}
	writeMain("one")

	ro := filepath.Join(tmp, "ro")
	rw := filepath.Join(tmp, "rw")
	baseEnv := append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	compiles := regexp.MustCompile(`(?m)/compile\s`)
	build := func(env ...string) (nCompile int, stats string) {
		t.Helper()
		cmd := exec.Command(goBin, "build", "-x", "-o", filepath.Join(tmp, "prog"), ".")
		cmd.Dir = src
		cmd.Env = append(append([]string{}, baseEnv...), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		m := regexp.MustCompile(`cacheprog: gets=.*`).Find(out)
		return len(compiles.FindAll(out, -1)), string(m)
	}
	withProg := []string{"GOCACHE=" + filepath.Join(tmp, "fuzz"),
		"GOCACHEPROG=" + prog + " -stats -ro " + ro + " -rw " + rw}

	// 1. Warm an ordinary GOCACHE directory: this becomes the read-only layer.
	if n, _ := build("GOCACHE=" + ro); n == 0 {
		t.Fatalf("cold build compiled nothing?")
	}
	// 2. Same build through the helper: everything comes from -ro.
	n, st := build(withProg...)
	t.Logf("warm ro, empty rw: %d compiles; %s", n, st)
	if n != 0 || !strings.Contains(st, "misses=0") {
		t.Errorf("expected no compiles and no misses, got %d compiles; %s", n, st)
	}
	// 3. A changed main package is compiled once and stored in -rw...
	writeMain("two")
	n, st = build(withProg...)
	t.Logf("changed main: %d compiles; %s", n, st)
	if n != 1 || strings.Contains(st, "puts=0") || strings.Contains(st, "hits(ro)=0") {
		t.Errorf("expected exactly one compile and some puts, got %d; %s", n, st)
	}
	// 4. ...and found there the next time.
	n, st = build(withProg...)
	t.Logf("rebuild: %d compiles; %s", n, st)
	if n != 0 || strings.Contains(st, "hits(rw)=0") || !strings.Contains(st, "misses=0") {
		t.Errorf("expected rw hits and no compiles, got %d; %s", n, st)
	}
}
