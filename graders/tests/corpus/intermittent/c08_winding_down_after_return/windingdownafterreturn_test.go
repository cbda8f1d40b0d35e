package windingdownafterreturn

import "testing"

func TestFlushAsync(t *testing.T) {
	FlushAsync(8)
}
