package iam_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/iam"
)

func motoClient(t *testing.T) *iam.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := iam.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// noWait makes a waiter poll without sleeping.
func noWait[In any](w *goto3.Waiter[In]) *goto3.Waiter[In] {
	w.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return w
}

// TestMotoUsers creates five users and five roles under paths of their
// own, waits for one with the UserExists waiter, lists them two per page
// with the ListUsers and ListRoles paginators, and gets a missing user:
// NoSuchEntity, modelled.
//
// moto 5.2.1 ignores ListUsers' MaxItems and Marker (it answers every user
// with IsTruncated false), so the users come in one page there; it pages
// ListRoles, where the paginator's three pages of 2, 2 and 1 are checked.
// A client-side limit (PaginationConfig.MaxItems) cuts the users at 3.
func TestMotoUsers(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	path := "/" + testpeer.BucketName(t) + "/"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	var names []string
	for i := range 5 {
		name := testpeer.BucketName(t) + "-u" + string(rune('a'+i))
		out, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: name, Path: &path, Tags: []iam.Tag{{Key: "team", Value: "goto3"}}})
		if err != nil {
			t.Fatal(err)
		}
		if out.User == nil || out.User.UserName != name || out.User.Path != path || out.User.Arn == "" {
			t.Fatalf("CreateUser returned %+v", out.User)
		}
		if _, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: name, Path: &path, AssumeRolePolicyDocument: trust}); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if err := noWait(c.UserExistsWaiter()).Wait(ctx, &iam.GetUserInput{UserName: &names[0]}); err != nil {
		t.Fatalf("UserExists: %v", err)
	}

	var users []string
	for u, err := range c.ListUsersItems(ctx, &iam.ListUsersInput{PathPrefix: &path, MaxItems: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u.UserName)
	}
	slices.Sort(users)
	if diff := cmp.Diff(names, users); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	p := c.ListUsersPaginator(&iam.ListUsersInput{PathPrefix: &path})
	p.MaxItems = 3
	n := 0
	for _, err := range p.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Errorf("ListUsers with MaxItems 3 gave %d users", n)
	}

	var sizes []int
	var roles []string
	for page, err := range c.ListRolesPages(ctx, &iam.ListRolesInput{PathPrefix: &path, MaxItems: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Roles))
		for _, r := range page.Roles {
			roles = append(roles, r.RoleName)
		}
	}
	slices.Sort(roles)
	if diff := cmp.Diff(names, roles); diff != "" || !slices.Equal(sizes, []int{2, 2, 1}) {
		t.Errorf("role pages of %v, want [2 2 1]; roles (-want +got):\n%s", sizes, diff)
	}

	missing := testpeer.BucketName(t) + "-missing"
	_, err := c.GetUser(ctx, &iam.GetUserInput{UserName: &missing})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NoSuchEntity" || api.StatusCode != 404 {
		t.Fatalf("got %v, want NoSuchEntity (404)", err)
	}
	var modeled *iam.NoSuchEntityException
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *iam.NoSuchEntityException", err)
	}
	for _, n := range names {
		if _, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: n}); err != nil {
			t.Error(err)
		}
		if _, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: n}); err != nil {
			t.Error(err)
		}
	}
}

// TestMotoRolesAndPolicies: a role with a trust policy, a managed policy
// attached and listed, an inline policy put and read back; the policy
// documents IAM returns URL-encoded decode to what was sent.
func TestMotoRolesAndPolicies(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::bucket/a b+c/*"}]}`
	role := testpeer.BucketName(t)
	cr, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: trust, Description: goto3.Ptr("goto3 test role")})
	if err != nil {
		t.Fatal(err)
	}
	if err := noWait(c.RoleExistsWaiter()).Wait(ctx, &iam.GetRoleInput{RoleName: role}); err != nil {
		t.Fatalf("RoleExists: %v", err)
	}
	gr, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: role})
	if err != nil {
		t.Fatal(err)
	}
	if gr.Role.Arn != cr.Role.Arn || gr.Role.AssumeRolePolicyDocument == nil {
		t.Fatalf("GetRole returned %+v", gr.Role)
	}
	if doc := *gr.Role.AssumeRolePolicyDocument; !strings.HasPrefix(doc, "%7B%22Version%22") {
		t.Errorf("the trust policy comes back as %q, want it URL-encoded as IAM sends it", doc)
	}
	sameJSON(t, "trust policy", *gr.Role.AssumeRolePolicyDocument, trust)

	cp, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: role + "-read", PolicyDocument: policy})
	if err != nil {
		t.Fatal(err)
	}
	arn := *cp.Policy.Arn
	if err := noWait(c.PolicyExistsWaiter()).Wait(ctx, &iam.GetPolicyInput{PolicyArn: arn}); err != nil {
		t.Fatalf("PolicyExists: %v", err)
	}
	if _, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: role, PolicyArn: arn}); err != nil {
		t.Fatal(err)
	}
	var attached []string
	for p, err := range c.ListAttachedRolePoliciesItems(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: role}) {
		if err != nil {
			t.Fatal(err)
		}
		attached = append(attached, *p.PolicyArn)
	}
	if !slices.Equal(attached, []string{arn}) {
		t.Errorf("attached policies %v, want [%s]", attached, arn)
	}
	pv, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: arn, VersionId: *cp.Policy.DefaultVersionId})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "policy version", *pv.PolicyVersion.Document, policy)

	if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: role, PolicyName: "inline", PolicyDocument: policy}); err != nil {
		t.Fatal(err)
	}
	rp, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: role, PolicyName: "inline"})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "inline policy", rp.PolicyDocument, policy)

	// Deleting an attached policy's role fails with DeleteConflict.
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: role})
	var conflict *iam.DeleteConflictException
	if !errors.As(err, &conflict) || goto3.ErrorCode(err) != "DeleteConflict" {
		t.Errorf("DeleteRole with policies: got %v, want DeleteConflict", err)
	}
	for _, step := range []func() error{
		func() error {
			_, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: role, PolicyName: "inline"})
			return err
		},
		func() error {
			_, err := c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: role, PolicyArn: arn})
			return err
		},
		func() error { _, err := c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn}); return err },
		func() error { _, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: role}); return err },
	} {
		if err := step(); err != nil {
			t.Error(err)
		}
	}
}

// sameJSON checks that IAM's document (URL-encoded or not) decodes to the
// JSON value of want.
func sameJSON(t *testing.T, what, got, want string) {
	t.Helper()
	g, err := iam.DecodePolicyDocument(got)
	if err != nil {
		t.Fatalf("%s %q: %v", what, got, err)
	}
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("%s: got %s (sent as %q), want %s", what, gb, got, wb)
	}
}
