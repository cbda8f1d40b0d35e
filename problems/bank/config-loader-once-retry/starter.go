package solution

// Loader loads the service configuration on first use and caches it.
type Loader struct {
	// TODO
}

// NewLoader returns a Loader that obtains the configuration by calling load.
func NewLoader(load func() (map[string]string, error)) *Loader {
	return &Loader{}
}

// Get returns the configuration, loading it if it has not been loaded yet.
func (l *Loader) Get() (map[string]string, error) {
	return nil, nil
}
