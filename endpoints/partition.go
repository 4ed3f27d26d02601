package endpoints

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sync"
)

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

// partitions is a parsed partitions.json.
type partitions struct {
	list    []*Partition
	regexes []*regexp.Regexp
	regions map[string]*Partition // explicitly listed regions
	deflt   *Partition            // "aws", used when nothing matches
}

type partitionsFile struct {
	Partitions []struct {
		ID          string                     `json:"id"`
		RegionRegex string                     `json:"regionRegex"`
		Regions     map[string]json.RawMessage `json:"regions"`
		Outputs     struct {
			Name                 string `json:"name"`
			DNSSuffix            string `json:"dnsSuffix"`
			DualStackDNSSuffix   string `json:"dualStackDnsSuffix"`
			SupportsFIPS         bool   `json:"supportsFIPS"`
			SupportsDualStack    bool   `json:"supportsDualStack"`
			ImplicitGlobalRegion string `json:"implicitGlobalRegion"`
		} `json:"outputs"`
	} `json:"partitions"`
}

func parsePartitions(data []byte) (*partitions, error) {
	var f partitionsFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("endpoints: partitions: %w", err)
	}
	if len(f.Partitions) == 0 {
		return nil, fmt.Errorf("endpoints: partitions: no partitions")
	}
	ps := &partitions{regions: map[string]*Partition{}}
	for _, fp := range f.Partitions {
		re, err := regexp.Compile(fp.RegionRegex)
		if err != nil {
			return nil, fmt.Errorf("endpoints: partition %s: regionRegex: %w", fp.ID, err)
		}
		p := &Partition{
			ID:                   fp.ID,
			Name:                 fp.Outputs.Name,
			DNSSuffix:            fp.Outputs.DNSSuffix,
			DualStackDNSSuffix:   fp.Outputs.DualStackDNSSuffix,
			SupportsFIPS:         fp.Outputs.SupportsFIPS,
			SupportsDualStack:    fp.Outputs.SupportsDualStack,
			ImplicitGlobalRegion: fp.Outputs.ImplicitGlobalRegion,
		}
		if p.Name == "" {
			p.Name = p.ID
		}
		ps.list = append(ps.list, p)
		ps.regexes = append(ps.regexes, re)
		for r := range fp.Regions {
			if _, dup := ps.regions[r]; !dup {
				ps.regions[r] = p
			}
		}
		if fp.ID == "aws" {
			ps.deflt = p
		}
	}
	if ps.deflt == nil {
		ps.deflt = ps.list[0]
	}
	return ps, nil
}

// lookup finds the partition of a region: an explicitly listed region first,
// then the first partition whose regionRegex matches, else the aws partition.
func (ps *partitions) lookup(region string) *Partition {
	if p, ok := ps.regions[region]; ok {
		return p
	}
	for i, re := range ps.regexes {
		if re.MatchString(region) {
			return ps.list[i]
		}
	}
	return ps.deflt
}

var defaultPartitions = sync.OnceValue(func() *partitions {
	ps, err := parsePartitions(partitionsJSON)
	if err != nil {
		panic(err) // the embedded file is tested; this cannot happen in a release
	}
	return ps
})

// LookupPartition returns the partition of region using the embedded
// partitions.json: a listed region, else the first partition whose region
// pattern matches, else "aws". The result is shared and must not be modified.
func LookupPartition(region string) *Partition {
	return defaultPartitions().lookup(region)
}
