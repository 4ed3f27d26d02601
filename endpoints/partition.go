package endpoints

import (
	"regexp"
	"sync"
)

//go:generate go run ./internal/genpartitions

// Partition describes one AWS partition (a group of regions sharing DNS
// suffixes), as listed in partitions.json.
type Partition struct {
	// ID is the partition identifier, for example "aws" or "aws-cn".
	ID string
	// Name is the partition name output by aws.partition (usually ID).
	Name string
	// DNSSuffix is the suffix of regular endpoints, e.g. "amazonaws.com".
	DNSSuffix string
	// DualStackDNSSuffix is the suffix of dual-stack endpoints, e.g. "api.aws".
	DualStackDNSSuffix string
	// SupportsFIPS and SupportsDualStack say whether the variants exist.
	SupportsFIPS      bool
	SupportsDualStack bool
	// ImplicitGlobalRegion is the region that signs global endpoints.
	ImplicitGlobalRegion string
}

// attr implements object so a *Partition is the record aws.partition returns.
func (p *Partition) attr(a attrID) Value {
	switch a {
	case attrSupportsFIPS:
		return boolValue(p.SupportsFIPS)
	case attrSupportsDualStack:
		return boolValue(p.SupportsDualStack)
	}
	if s, ok := p.attrString(a); ok {
		return stringValue(s)
	}
	return Value{}
}

func (p *Partition) attrString(a attrID) (string, bool) {
	switch a {
	case attrName:
		return p.Name, true
	case attrDNSSuffix:
		return p.DNSSuffix, true
	case attrDualStackDNSSuffix:
		return p.DualStackDNSSuffix, true
	case attrImplicitGlobalRegion:
		return p.ImplicitGlobalRegion, true
	}
	return "", false
}

func (p *Partition) index(int) Value { return Value{} }

// same compares by identity: each partition is one record.
func (p *Partition) same(o object) bool { q, ok := o.(*Partition); return ok && p == q }

// lookupPartition finds the partition of a region in the compiled-in
// partitions.json (partitions_gen.go): a listed region first, then the
// first partition whose regionRegex matches, else the aws partition.
func lookupPartition(region string) *Partition {
	if i := listedPartition(region); i >= 0 {
		return &partitionList[i]
	}
	for i, re := range partitionRegexps() {
		if re.MatchString(region) {
			return &partitionList[i]
		}
	}
	return &partitionList[defaultPartition]
}

// partitionRegexps compiles the region patterns the first time a region
// is not listed (the generator checked that they compile).
var partitionRegexps = sync.OnceValue(func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(partitionRegexes))
	for i, p := range partitionRegexes {
		out[i] = regexp.MustCompile(p)
	}
	return out
})

// LookupPartition returns the partition of region using the compiled-in
// partitions.json: a listed region, else the first partition whose region
// pattern matches, else "aws". The result is shared and must not be
// modified.
func LookupPartition(region string) *Partition {
	return lookupPartition(region)
}
