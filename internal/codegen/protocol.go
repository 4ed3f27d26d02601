package codegen

import (
	"fmt"
	"slices"
)

// SupportedProtocols is botocore's PRIORITY_ORDERED_SUPPORTED_PROTOCOLS
// (botocore/utils.py, 1.43): the protocols a botocore client can speak, in
// the order it prefers them when a model lists several.
var SupportedProtocols = []string{"json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2"}

// ResolveProtocol picks the protocol a client of a model speaks, as
// botocore's ServiceModel.resolved_protocol does: when the model's
// metadata has a non-empty "protocols" list, the first protocol of
// SupportedProtocols (in that order, not the model's) that the list names,
// and an error when it names none; otherwise the legacy "protocol" field.
// A model listing ["smithy-rpc-v2-cbor", "json"] gets "json".
func ResolveProtocol(protocol string, protocols []string) (string, error) {
	if len(protocols) == 0 {
		return protocol, nil
	}
	for _, p := range SupportedProtocols {
		if slices.Contains(protocols, p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("codegen: the model's protocols %q name none of the supported protocols %q", protocols, SupportedProtocols)
}

// protocol is the resolved protocol of the API; an unresolvable list
// leaves the legacy field (New reports the error).
func (a *API) protocol() string {
	p, err := ResolveProtocol(a.Metadata.Protocol, a.Metadata.Protocols)
	if err != nil {
		return a.Metadata.Protocol
	}
	return p
}
