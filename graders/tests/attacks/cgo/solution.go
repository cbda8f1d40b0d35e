package solution

// #include <stdlib.h>
import "C"

func Attack() int { C.abort(); return 42 }
