package sesv2_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/sesv2"
)

// TestMotoIdentitiesAndSend is SES v2's everyday flow against moto: email
// identities created, listed and read, an email sent from one, a contact
// list with a contact, and the modelled errors MessageRejected (sending
// from an unverified address) and NotFoundException.
//
// moto serves none of the operations the model paginates
// (ListMultiRegionEndpoints, ListReputationEntities, ListResourceTenants,
// ListTenantResources, ListTenants), and fails ListEmailIdentities with a
// PageSize (500: its paginator adds the query string's text to a number),
// so listing here is one page.
func TestMotoIdentitiesAndSend(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := sesv2.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	name := testpeer.BucketName(t)
	var addrs []string
	for _, u := range []string{"sender", "other"} {
		addr := u + "@" + name + ".example.com"
		out, err := c.CreateEmailIdentity(ctx, &sesv2.CreateEmailIdentityInput{EmailIdentity: addr})
		if err != nil {
			t.Fatalf("%v\n%s", err, srv.Log())
		}
		if out.IdentityType == nil || *out.IdentityType != sesv2.IdentityTypeEmailAddress {
			t.Errorf("CreateEmailIdentity: IdentityType %v", out.IdentityType)
		}
		t.Cleanup(func() {
			c.DeleteEmailIdentity(context.Background(), &sesv2.DeleteEmailIdentityInput{EmailIdentity: addr})
		})
		addrs = append(addrs, addr)
	}
	list, err := c.ListEmailIdentities(ctx, &sesv2.ListEmailIdentitiesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, id := range list.EmailIdentities {
		listed = append(listed, *id.IdentityName)
	}
	for _, a := range addrs {
		if !slices.Contains(listed, a) {
			t.Errorf("ListEmailIdentities: %q lacks %s", listed, a)
		}
	}
	got, err := c.GetEmailIdentity(ctx, &sesv2.GetEmailIdentityInput{EmailIdentity: addrs[0]})
	if err != nil {
		t.Fatal(err)
	}
	if got.DkimAttributes == nil || got.IdentityType == nil {
		t.Errorf("GetEmailIdentity: %+v", got)
	}

	in := sendInput("")
	in.FromEmailAddress = &addrs[0]
	sent, err := c.SendEmail(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if sent.MessageId == nil || *sent.MessageId == "" {
		t.Error("SendEmail: no MessageId")
	}
	in.FromEmailAddress = goto3.Ptr("nobody@" + name + ".example.org")
	_, err = c.SendEmail(ctx, in)
	var rejected *sesv2.MessageRejected
	if !errors.As(err, &rejected) || goto3.ErrorCode(err) != "MessageRejected" {
		t.Errorf("SendEmail from an unverified address: got %v, want *sesv2.MessageRejected", err)
	}

	cl := name + "-list"
	if _, err := c.CreateContactList(ctx, &sesv2.CreateContactListInput{ContactListName: cl, Description: goto3.Ptr("goto3")}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.DeleteContactList(context.Background(), &sesv2.DeleteContactListInput{ContactListName: cl}) })
	if _, err := c.CreateContact(ctx, &sesv2.CreateContactInput{ContactListName: cl, EmailAddress: addrs[1]}); err != nil {
		t.Fatal(err)
	}
	contacts, err := c.ListContacts(ctx, &sesv2.ListContactsInput{ContactListName: cl})
	if err != nil {
		t.Fatal(err)
	}
	if len(contacts.Contacts) != 1 || *contacts.Contacts[0].EmailAddress != addrs[1] || contacts.Contacts[0].LastUpdatedTimestamp == nil {
		t.Errorf("ListContacts: %+v", contacts.Contacts)
	}

	_, err = c.GetEmailIdentity(ctx, &sesv2.GetEmailIdentityInput{EmailIdentity: "missing@" + name + ".example.com"})
	var nf *sesv2.NotFoundException
	var api *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.Code != "NotFoundException" || api.StatusCode != 404 {
		t.Errorf("GetEmailIdentity of a missing identity: got %v, want *sesv2.NotFoundException (404)", err)
	}
}
