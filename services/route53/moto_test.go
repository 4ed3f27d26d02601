package route53_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/route53"
)

func motoClient(t *testing.T) *route53.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := route53.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMotoHostedZoneRecords: a hosted zone whose Id comes back as
// "/hostedzone/..." and is passed back as it is (the client strips the
// prefix, as boto3 does), three A records created in one change whose
// "/change/..." Id the ResourceRecordSetsChanged waiter polls, the record
// sets listed two per page with the ListResourceRecordSets paginator, the
// zones listed with the ListHostedZones paginator, a zone that is not
// empty (HostedZoneNotEmpty) and a missing zone (NoSuchHostedZone), both
// modelled.
func TestMotoHostedZoneRecords(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	domain := testpeer.BucketName(t) + ".example.com."
	cz, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: domain, CallerReference: testpeer.BucketName(t),
		HostedZoneConfig: &route53.HostedZoneConfig{Comment: goto3.Ptr("goto3 test zone")}})
	if err != nil {
		t.Fatal(err)
	}
	zoneID := cz.HostedZone.Id
	if !strings.HasPrefix(zoneID, "/hostedzone/") {
		t.Fatalf("zone Id %q, want the /hostedzone/ prefix Route 53 answers with", zoneID)
	}
	gz, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: zoneID})
	if err != nil {
		t.Fatal(err)
	}
	if gz.HostedZone.Name != domain || *gz.HostedZone.Config.Comment != "goto3 test zone" {
		t.Errorf("GetHostedZone: %+v", gz.HostedZone)
	}

	var changes []route53.Change
	for i := range 3 {
		changes = append(changes, route53.Change{Action: route53.ChangeActionCreate, ResourceRecordSet: &route53.ResourceRecordSet{
			Name: fmt.Sprintf("host%d.%s", i, domain), Type: route53.RRTypeA, TTL: goto3.Ptr[int64](300),
			ResourceRecords: []route53.ResourceRecord{{Value: fmt.Sprintf("192.0.2.%d", i+1)}},
		}})
	}
	ch, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: zoneID,
		ChangeBatch: &route53.ChangeBatch{Comment: goto3.Ptr("three hosts"), Changes: changes}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ch.ChangeInfo.Id, "/change/") {
		t.Errorf("change Id %q", ch.ChangeInfo.Id)
	}
	w := c.ResourceRecordSetsChangedWaiter()
	w.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	if err := w.Wait(ctx, &route53.GetChangeInput{Id: ch.ChangeInfo.Id}); err != nil {
		t.Fatalf("ResourceRecordSetsChanged: %v", err)
	}

	var sizes []int
	var as []string
	for page, err := range c.ListResourceRecordSetsPages(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zoneID, MaxItems: goto3.Ptr("2")}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.ResourceRecordSets))
		for _, rr := range page.ResourceRecordSets {
			if rr.Type == route53.RRTypeA {
				as = append(as, rr.Name+" "+rr.ResourceRecords[0].Value)
			}
		}
	}
	want := []string{"host0." + domain + " 192.0.2.1", "host1." + domain + " 192.0.2.2", "host2." + domain + " 192.0.2.3"}
	slices.Sort(as)
	// Five record sets: the zone's NS and SOA and the three A records.
	if !slices.Equal(as, want) || !slices.Equal(sizes, []int{2, 2, 1}) {
		t.Errorf("pages of %v with A records %v, want [2 2 1] with %v", sizes, as, want)
	}

	found := false
	for z, err := range c.ListHostedZonesItems(ctx, &route53.ListHostedZonesInput{MaxItems: goto3.Ptr("1")}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || z.Id == zoneID
	}
	if !found {
		t.Errorf("ListHostedZones pages lack %s", zoneID)
	}

	_, err = c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: zoneID})
	var notEmpty *route53.HostedZoneNotEmpty
	if !errors.As(err, &notEmpty) || goto3.ErrorCode(err) != "HostedZoneNotEmpty" {
		t.Errorf("deleting a zone with records: got %v, want HostedZoneNotEmpty", err)
	}
	for i := range changes {
		changes[i].Action = route53.ChangeActionDelete
	}
	if _, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: zoneID, ChangeBatch: &route53.ChangeBatch{Changes: changes}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: zoneID}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: zoneID})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NoSuchHostedZone" || api.StatusCode != 404 {
		t.Fatalf("got %v, want NoSuchHostedZone (404)", err)
	}
	var modeled *route53.NoSuchHostedZone
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *route53.NoSuchHostedZone", err)
	}
}
