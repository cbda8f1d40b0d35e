module example.com/b11-submit-after-close

go 1.22

require (
	go.uber.org/goleak v1.3.0
	golang.org/x/sync v0.24.0
)
