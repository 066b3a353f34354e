//go:build !dev

package app

func newDialogs(life *Lifecycle) dialogs { return nativeDialogs{life} }
