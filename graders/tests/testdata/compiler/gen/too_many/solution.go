package solution

// Total uses twelve names that do not exist: the compiler stops after ten errors.
func Total() int {
	sum := 0
	sum += missing1
	sum += missing2
	sum += missing3
	sum += missing4
	sum += missing5
	sum += missing6
	sum += missing7
	sum += missing8
	sum += missing9
	sum += missing10
	sum += missing11
	sum += missing12
	return sum
}
