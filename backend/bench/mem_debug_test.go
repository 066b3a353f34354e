package bench

import (
	"runtime"
	"testing"
	"time"
)

func BenchmarkZMem(b *testing.B) {
	dataset(b)
	for range 3 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b.Logf("heap %d MB, sys %d MB, gcs %d", m.HeapAlloc>>20, m.Sys>>20, m.NumGC)
		time.Sleep(5 * time.Second)
	}
}
