package solution

import "os"

func Attack() int {
	os.Exit(0)
	return 42
}
