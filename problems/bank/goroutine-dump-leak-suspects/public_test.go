package solution

import (
	"slices"
	"testing"
)

const testSmallDump = `goroutine 1 [running]:
main.main()
	/app/main.go:32 +0x232

goroutine 21 [chan receive, 7 minutes]:
main.(*Worker).run(0xc000012345)
	/app/worker.go:12 +0x4e
created by main.main in goroutine 1
	/app/main.go:20 +0xa5
`

func TestExampleParse(t *testing.T) {
	got, err := Parse([]byte(testSmallDump))
	if err != nil {
		t.Fatal(err)
	}
	want := []Goroutine{
		{ID: 1, State: "running", Function: "main.main"},
		{ID: 21, State: "chan receive", Minutes: 7, Function: "main.(*Worker).run", CreatedBy: "main.main"},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Parse:\n got %+v\nwant %+v", got, want)
	}
}

func TestExampleSuspects(t *testing.T) {
	before := []Goroutine{
		{ID: 5, State: "chan receive", Function: "app.worker"},
		{ID: 6, State: "running", Function: "app.busy"},
	}
	after := []Goroutine{
		{ID: 5, State: "chan receive", Minutes: 1, Function: "app.worker"},
		{ID: 6, State: "chan send", Function: "app.busy"},
		{ID: 9, State: "select", Function: "app.fresh"},
	}
	got := Suspects(before, after)
	want := []Goroutine{{ID: 5, State: "chan receive", Minutes: 1, Function: "app.worker"}}
	if !slices.Equal(got, want) {
		t.Fatalf("Suspects:\n got %+v\nwant %+v", got, want)
	}
}
