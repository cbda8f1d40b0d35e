// Command cacheprog is a GOCACHEPROG helper for goconcur sandboxes.
//
// Jobs run with a read-only root filesystem that carries a pre-warmed Go
// build cache, but the go command needs to write to its cache. cacheprog
// layers a private writable directory over the read-only cache:
//
//	GOCACHEPROG="/opt/goconcur/bin/cacheprog -ro /opt/goconcur/gocache -rw /tmp/gocache"
//
// The commands:
//
//   - get: look in -rw first (entries this helper wrote), then in -ro, an
//     ordinary GOCACHE directory (xx/<action>-a index, xx/<output>-d data).
//     Hits in -ro are answered with the path of the read-only file itself,
//     so nothing is copied.
//   - put: store the body under -rw in the same layout (so -rw is itself a
//     valid GOCACHE directory) and return its path.
//   - close: reply and exit.
//
// -stats prints hit/miss counts to stderr on exit, -v logs each miss.
// With GOCACHEPROG set, cmd/go still opens GOCACHE (default
// $HOME/.cache/go-build) as a plain cache, only for fuzzing inputs: it must
// be creatable, must not be "off", and is never trimmed.
//
// Protocol: cmd/go/internal/cacheprog and cmd/go/internal/cache/prog.go.
// Malformed input never crashes the helper: it answers with Err and goes on.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// request mirrors cacheprog.Request (minus Body, which follows on its own line).
type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

// response mirrors cacheprog.Response.
type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

const (
	hashSize = sha256.Size
	hexSize  = 2 * hashSize
	// Same layout as cmd/go/internal/cache: "v1 <action> <output> <size> <unixnano>\n",
	// size and time right-aligned in 20 columns.
	entrySize = 2 + 1 + hexSize + 1 + hexSize + 1 + 20 + 1 + 20 + 1

	maxLine = 1 << 20 // request lines are ~200 bytes; anything longer is garbage
)

type stats struct {
	gets, rwHits, roHits, misses, puts, errs int
}

type server struct {
	ro      string // read-only GOCACHE dir, may be ""
	rw      string // writable dir, created lazily
	maxBody int64
	verbose bool // log every miss
	now     func() time.Time
	logw    io.Writer
	st      stats
}

func main() {
	ro := flag.String("ro", "", "read-only Go build cache `dir` (GOCACHE layout)")
	rw := flag.String("rw", "", "writable cache `dir` (created on first put)")
	maxBody := flag.Int64("max-body", 1<<31, "largest object accepted by put, in bytes")
	showStats := flag.Bool("stats", false, "print hit/miss counts to stderr on exit")
	verbose := flag.Bool("v", false, "log the action ID of every miss to stderr")
	flag.Parse()
	if *rw == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: cacheprog [-ro dir] -rw dir [-stats] [-v] [-max-body n]")
		os.Exit(2)
	}
	s, err := newServer(*ro, *rw)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cacheprog:", err)
		os.Exit(2)
	}
	s.maxBody, s.verbose = *maxBody, *verbose
	err = s.serve(os.Stdin, os.Stdout)
	if *showStats {
		fmt.Fprintf(os.Stderr, "cacheprog: gets=%d hits(rw)=%d hits(ro)=%d misses=%d puts=%d errors=%d\n",
			s.st.gets, s.st.rwHits, s.st.roHits, s.st.misses, s.st.puts, s.st.errs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cacheprog:", err)
		os.Exit(1)
	}
}

func newServer(ro, rw string) (*server, error) {
	s := &server{maxBody: 1 << 31, now: time.Now, logw: os.Stderr}
	var err error
	if s.rw, err = filepath.Abs(rw); err != nil {
		return nil, err
	}
	if ro != "" {
		if s.ro, err = filepath.Abs(ro); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *server) logf(format string, args ...any) {
	if s.logw != nil {
		fmt.Fprintf(s.logw, "cacheprog: "+format+"\n", args...)
	}
}

// serve speaks the protocol until "close" or EOF on in.
func (s *server) serve(in io.Reader, out io.Writer) error {
	br := bufio.NewReaderSize(in, 64<<10)
	bw := bufio.NewWriterSize(out, 16<<10)
	enc := json.NewEncoder(bw)
	send := func(r *response) error {
		if r.Err != "" {
			s.st.errs++
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := send(&response{KnownCommands: []string{"get", "put", "close"}}); err != nil {
		return err
	}
	for {
		line, err := s.readLine(br)
		if err == errTooLong {
			if e := send(&response{ID: guessID(line), Err: "malformed request: line too long"}); e != nil {
				return e
			}
			continue
		}
		if err == io.EOF {
			return nil // go command closed stdin: nothing left to do
		}
		if err != nil {
			return err
		}
		if line == nil {
			continue // skipped a stray body line
		}
		var req request
		if err := json.Unmarshal(line, &req); err != nil {
			if e := send(&response{ID: guessID(line), Err: "malformed request: " + err.Error()}); e != nil {
				return e
			}
			continue
		}
		resp := s.handle(&req, br)
		resp.ID = req.ID
		if err := send(resp); err != nil {
			return err
		}
		if req.Command == "close" {
			return nil
		}
	}
}

var errTooLong = errors.New("request line too long")

// readLine returns the next request line. Blank lines are skipped; a stray
// body line (a JSON string) is discarded and reported as (nil, nil); an
// over-long line is discarded and reported as (its start, errTooLong).
func (s *server) readLine(br *bufio.Reader) ([]byte, error) {
	if err := skipSpace(br); err != nil {
		return nil, err
	}
	if b, _ := br.Peek(1); len(b) == 1 && b[0] == '"' {
		s.logf("discarding a body line without a request")
		return nil, discardLine(br)
	}
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > maxLine {
			if err == bufio.ErrBufferFull {
				err = discardLine(br)
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			head := append(line, chunk...)
			return head[:min(len(head), 4096)], errTooLong
		}
		line = append(line, chunk...)
		switch err {
		case nil:
			return bytes.TrimSpace(line), nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if len(bytes.TrimSpace(line)) == 0 {
				return nil, io.EOF
			}
			return bytes.TrimSpace(line), nil // last line without a newline
		default:
			return nil, err
		}
	}
}

func skipSpace(br *bufio.Reader) error {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return err
		}
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return br.UnreadByte()
		}
	}
}

func discardLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

// guessID pulls "ID":<n> out of a request that failed to decode, so the
// error can be matched to the request that caused it.
func guessID(line []byte) int64 {
	var v struct{ ID json.Number }
	if json.Unmarshal(line, &v) == nil {
		if id, err := v.ID.Int64(); err == nil {
			return id
		}
	}
	i := bytes.Index(line, []byte(`"ID":`))
	if i < 0 {
		return 0
	}
	rest := bytes.TrimLeft(line[i+5:], " ")
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	id, _ := strconv.ParseInt(string(rest[:j]), 10, 64)
	return id
}

func (s *server) handle(req *request, br *bufio.Reader) *response {
	switch req.Command {
	case "get":
		s.dropBody(req, br)
		return s.get(req)
	case "put":
		return s.put(req, br)
	case "close":
		s.dropBody(req, br)
		return &response{}
	default:
		s.dropBody(req, br)
		return &response{Err: fmt.Sprintf("unknown command %q", req.Command)}
	}
}

// dropBody consumes a body sent with a request that does not use one, so the
// stream stays in sync.
func (s *server) dropBody(req *request, br *bufio.Reader) {
	if req.BodySize > 0 {
		if err := readBody(br, io.Discard); err != nil {
			s.logf("request %d: discarding body: %v", req.ID, err)
		}
	}
}

// readBody streams one base64 JSON string (the body line) from br into w.
// On a decoding error it resynchronises at the end of the line.
func readBody(br *bufio.Reader, w io.Writer) error {
	if err := skipSpace(br); err != nil {
		return fmt.Errorf("missing body: %w", noEOF(err))
	}
	if b, _ := br.Peek(1); len(b) != 1 || b[0] != '"' {
		return errors.New("missing body")
	}
	br.Discard(1)
	q := &quoteReader{r: br}
	_, err := io.Copy(w, base64.NewDecoder(base64.StdEncoding, q))
	if err != nil {
		if !q.done {
			discardLine(br)
		}
		return fmt.Errorf("bad body: %w", noEOF(err))
	}
	if !q.done { // writer stopped early; keep the stream in sync
		io.Copy(io.Discard, q)
	}
	return nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// quoteReader reads from r up to (and consumes) the closing '"'.
type quoteReader struct {
	r    *bufio.Reader
	done bool
}

func (q *quoteReader) Read(p []byte) (int, error) {
	if q.done {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	if _, err := q.r.Peek(1); err != nil {
		return 0, noEOF(err)
	}
	buf, _ := q.r.Peek(q.r.Buffered())
	i := bytes.IndexByte(buf, '"')
	if i >= 0 {
		buf = buf[:i]
	}
	if j := bytes.IndexByte(buf, '\n'); j >= 0 {
		return 0, errors.New("unterminated body string")
	}
	n := copy(p, buf)
	q.r.Discard(n)
	if i >= 0 && n == i {
		q.r.Discard(1)
		q.done = true
		if n == 0 {
			return 0, io.EOF
		}
	}
	return n, nil
}

func fileName(dir string, id []byte, kind string) string {
	return filepath.Join(dir, fmt.Sprintf("%02x", id[0]), fmt.Sprintf("%x-%s", id, kind))
}

type entry struct {
	out  []byte
	size int64
	time time.Time
	path string // the -d file
}

func (s *server) get(req *request) *response {
	if len(req.ActionID) != hashSize {
		return &response{Err: fmt.Sprintf("get: ActionID has %d bytes, want %d", len(req.ActionID), hashSize)}
	}
	s.st.gets++
	for _, dir := range []string{s.rw, s.ro} {
		if dir == "" {
			continue
		}
		e, ok := s.lookup(dir, req.ActionID)
		if !ok {
			continue
		}
		if dir == s.rw {
			s.st.rwHits++
		} else {
			s.st.roHits++
		}
		t := e.time
		return &response{OutputID: e.out, Size: e.size, Time: &t, DiskPath: e.path}
	}
	s.st.misses++
	if s.verbose {
		s.logf("miss %x", req.ActionID)
	}
	return &response{Miss: true}
}

// lookup reads the index entry for id in dir and finds its data file, which
// must be a regular file of the recorded size. Data is looked for in dir
// first, then in the other layer (put may skip copying data -ro already has).
func (s *server) lookup(dir string, id []byte) (entry, bool) {
	e, ok := readIndex(fileName(dir, id, "a"), id)
	if !ok {
		return e, false
	}
	for _, d := range []string{dir, s.rw, s.ro} {
		if d == "" {
			continue
		}
		p := fileName(d, e.out, "d")
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == e.size {
			e.path = p
			return e, true
		}
	}
	return e, false
}

// readIndex parses an "-a" file exactly as cmd/go/internal/cache does.
func readIndex(name string, id []byte) (entry, bool) {
	var e entry
	f, err := os.Open(name)
	if err != nil {
		return e, false
	}
	defer f.Close()
	buf := make([]byte, entrySize+1) // +1 to detect a file that is too long
	if n, _ := io.ReadFull(f, buf); n != entrySize {
		return e, false
	}
	buf = buf[:entrySize]
	if string(buf[:3]) != "v1 " || buf[3+hexSize] != ' ' || buf[3+2*hexSize+1] != ' ' ||
		buf[3+2*hexSize+2+20] != ' ' || buf[entrySize-1] != '\n' {
		return e, false
	}
	eid := buf[3 : 3+hexSize]
	eout := buf[4+hexSize : 4+2*hexSize]
	esize := buf[5+2*hexSize : 5+2*hexSize+20]
	etime := buf[6+2*hexSize+20 : 6+2*hexSize+40]
	got, err := hex.DecodeString(string(eid))
	if err != nil || !bytes.Equal(got, id) {
		return e, false
	}
	if e.out, err = hex.DecodeString(string(eout)); err != nil {
		return e, false
	}
	size, err := strconv.ParseInt(strings.TrimLeft(string(esize), " "), 10, 64)
	if err != nil || size < 0 {
		return e, false
	}
	tm, err := strconv.ParseInt(strings.TrimLeft(string(etime), " "), 10, 64)
	if err != nil || tm < 0 {
		return e, false
	}
	e.size, e.time = size, time.Unix(0, tm)
	return e, true
}

func (s *server) put(req *request, br *bufio.Reader) *response {
	fail := func(format string, args ...any) *response {
		s.dropBody(req, br)
		return &response{Err: "put: " + fmt.Sprintf(format, args...)}
	}
	switch {
	case len(req.ActionID) != hashSize:
		return fail("ActionID has %d bytes, want %d", len(req.ActionID), hashSize)
	case len(req.OutputID) != hashSize:
		return fail("OutputID has %d bytes, want %d", len(req.OutputID), hashSize)
	case req.BodySize < 0 || req.BodySize > s.maxBody:
		return fail("bad BodySize %d", req.BodySize)
	}
	subdir := filepath.Dir(fileName(s.rw, req.OutputID, "d"))
	if err := os.MkdirAll(subdir, 0o755); err != nil {
		return fail("%v", err)
	}
	tmp, err := os.CreateTemp(subdir, ".put-*")
	if err != nil {
		return fail("%v", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(tmp, h), limit: req.BodySize}
	if req.BodySize > 0 {
		err = readBody(br, cw)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &response{Err: "put: " + err.Error()}
	}
	if cw.n != req.BodySize {
		return &response{Err: fmt.Sprintf("put: body has %d bytes, BodySize says %d", cw.n, req.BodySize)}
	}
	if !bytes.Equal(h.Sum(nil), req.OutputID) {
		return &response{Err: "put: body does not match OutputID"}
	}
	s.st.puts++

	// Reuse an identical data file from either layer; otherwise keep ours.
	path := ""
	for _, d := range []string{s.rw, s.ro} {
		if d == "" {
			continue
		}
		p := fileName(d, req.OutputID, "d")
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == req.BodySize {
			path = p
			break
		}
	}
	if path == "" {
		path = fileName(s.rw, req.OutputID, "d")
		if err := os.Rename(tmp.Name(), path); err != nil {
			return &response{Err: "put: " + err.Error()}
		}
	}

	idx := fmt.Sprintf("v1 %x %x %20d %20d\n", req.ActionID, req.OutputID, req.BodySize, s.now().UnixNano())
	if err := writeAtomic(fileName(s.rw, req.ActionID, "a"), []byte(idx)); err != nil {
		return &response{Err: "put: " + err.Error()}
	}
	return &response{DiskPath: path}
}

// countWriter counts bytes and refuses more than limit, so a lying BodySize
// cannot fill the disk.
type countWriter struct {
	w     io.Writer
	n     int64
	limit int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.n+int64(len(p)) > c.limit {
		return 0, fmt.Errorf("body longer than BodySize %d", c.limit)
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func writeAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".idx-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
