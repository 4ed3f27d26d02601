package cognitoidp_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/cognitoidp"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// signedOnly records whether any request it passes on carries a
// signature.
type signedOnly struct {
	signed []string
}

func (s *signedOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") != "" {
		s.signed = append(s.signed, req.Header.Get("X-Amz-Target"))
	}
	return http.DefaultTransport.RoundTrip(req)
}

// TestMotoUserPool: Cognito user pools against moto: an administrator
// (signed) creates a pool and an app client; an app with no credentials at
// all in its Config signs up, signs in (InitiateAuth), reads itself
// (GetUser with the access token) and answers the new-password challenge,
// all unsigned; the administrator confirms and creates users, lists them
// with the ListUsers paginator two per page, deletes one; the modelled
// UsernameExistsException, NotAuthorizedException and
// UserNotFoundException match.
func TestMotoUserPool(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	ctx := context.Background()
	admin, err := cognitoidp.New(goto3.Config{Region: srv.Region, Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, "")},
		func(o *cognitoidp.Options) { o.EndpointURL = srv.URL })
	if err != nil {
		t.Fatal(err)
	}
	rt := &signedOnly{}
	app, err := cognitoidp.New(goto3.Config{Region: srv.Region}, func(o *cognitoidp.Options) {
		o.EndpointURL = srv.URL
		o.HTTPClient = &http.Client{Transport: rt}
	})
	if err != nil {
		t.Fatal(err)
	}

	pool, err := admin.CreateUserPool(ctx, &cognitoidp.CreateUserPoolInput{PoolName: testpeer.BucketName(t),
		AutoVerifiedAttributes: []cognitoidp.VerifiedAttributeType{cognitoidp.VerifiedAttributeTypeEmail}})
	if err != nil {
		t.Fatal(err)
	}
	poolID := *pool.UserPool.Id
	t.Cleanup(func() {
		admin.DeleteUserPool(context.Background(), &cognitoidp.DeleteUserPoolInput{UserPoolId: poolID})
	})
	cl, err := admin.CreateUserPoolClient(ctx, &cognitoidp.CreateUserPoolClientInput{UserPoolId: poolID, ClientName: "app",
		ExplicitAuthFlows: []cognitoidp.ExplicitAuthFlowsType{cognitoidp.ExplicitAuthFlowsTypeAllowUserPasswordAuth, cognitoidp.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}})
	if err != nil {
		t.Fatal(err)
	}
	clientID := *cl.UserPoolClient.ClientId

	const password = "Passw0rd!Secure"
	email := []cognitoidp.AttributeType{{Name: "email", Value: goto3.Ptr("alice@example.com")}}
	su, err := app.SignUp(ctx, &cognitoidp.SignUpInput{ClientId: clientID, Username: "alice", Password: goto3.Ptr(password), UserAttributes: email})
	if err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	if su.UserConfirmed || su.UserSub == "" {
		t.Errorf("SignUp: got confirmed %v, sub %q; want unconfirmed with a sub", su.UserConfirmed, su.UserSub)
	}
	_, err = app.SignUp(ctx, &cognitoidp.SignUpInput{ClientId: clientID, Username: "alice", Password: goto3.Ptr(password)})
	var dup *cognitoidp.UsernameExistsException
	if !errors.As(err, &dup) || goto3.ErrorCode(err) != "UsernameExistsException" {
		t.Errorf("second SignUp: got %v, want UsernameExistsException", err)
	}
	if _, err := admin.AdminConfirmSignUp(ctx, &cognitoidp.AdminConfirmSignUpInput{UserPoolId: poolID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}

	auth, err := app.InitiateAuth(ctx, &cognitoidp.InitiateAuthInput{ClientId: clientID, AuthFlow: cognitoidp.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": password}})
	if err != nil {
		t.Fatal(err)
	}
	res := auth.AuthenticationResult
	if res == nil || res.AccessToken == nil || res.IdToken == nil || res.RefreshToken == nil || *res.TokenType != "Bearer" || *res.ExpiresIn <= 0 {
		t.Fatalf("InitiateAuth: got %+v", auth)
	}
	me, err := app.GetUser(ctx, &cognitoidp.GetUserInput{AccessToken: *res.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	if me.Username != "alice" || !slices.ContainsFunc(me.UserAttributes, func(a cognitoidp.AttributeType) bool {
		return a.Name == "email" && *a.Value == "alice@example.com"
	}) {
		t.Errorf("GetUser: got %s %+v", me.Username, me.UserAttributes)
	}
	_, err = app.InitiateAuth(ctx, &cognitoidp.InitiateAuthInput{ClientId: clientID, AuthFlow: cognitoidp.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": "wrong-" + password}})
	var notAuth *cognitoidp.NotAuthorizedException
	var api *goto3.APIError
	if !errors.As(err, &notAuth) || !errors.As(err, &api) || api.Code != "NotAuthorizedException" || api.StatusCode != 400 {
		t.Errorf("wrong password: got %v, want NotAuthorizedException", err)
	}

	// An administrator-created user must choose a password at first sign-in.
	if _, err := admin.AdminCreateUser(ctx, &cognitoidp.AdminCreateUserInput{UserPoolId: poolID, Username: "bob",
		TemporaryPassword: goto3.Ptr("Temp0rary!Pass"), MessageAction: goto3.Ptr(cognitoidp.MessageActionTypeSuppress)}); err != nil {
		t.Fatal(err)
	}
	bob, err := admin.AdminGetUser(ctx, &cognitoidp.AdminGetUserInput{UserPoolId: poolID, Username: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	if *bob.UserStatus != cognitoidp.UserStatusTypeForceChangePassword || bob.UserCreateDate == nil || bob.UserCreateDate.IsZero() {
		t.Errorf("AdminGetUser: got %+v", bob)
	}
	auth, err = app.InitiateAuth(ctx, &cognitoidp.InitiateAuthInput{ClientId: clientID, AuthFlow: cognitoidp.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "bob", "PASSWORD": "Temp0rary!Pass"}})
	if err != nil {
		t.Fatal(err)
	}
	if auth.ChallengeName == nil || *auth.ChallengeName != cognitoidp.ChallengeNameTypeNewPasswordRequired || auth.Session == nil {
		t.Fatalf("bob's InitiateAuth: got %+v, want NEW_PASSWORD_REQUIRED", auth)
	}
	ch, err := app.RespondToAuthChallenge(ctx, &cognitoidp.RespondToAuthChallengeInput{ClientId: clientID,
		ChallengeName: cognitoidp.ChallengeNameTypeNewPasswordRequired, Session: auth.Session,
		ChallengeResponses: map[string]string{"USERNAME": "bob", "NEW_PASSWORD": password}})
	if err != nil {
		t.Fatal(err)
	}
	if ch.AuthenticationResult == nil || ch.AuthenticationResult.AccessToken == nil {
		t.Errorf("RespondToAuthChallenge: got %+v", ch)
	}

	for _, u := range []string{"carol", "dave", "erin"} {
		if _, err := admin.AdminCreateUser(ctx, &cognitoidp.AdminCreateUserInput{UserPoolId: poolID, Username: u,
			MessageAction: goto3.Ptr(cognitoidp.MessageActionTypeSuppress)}); err != nil {
			t.Fatal(err)
		}
	}
	p := admin.ListUsersPaginator(&cognitoidp.ListUsersInput{UserPoolId: poolID})
	p.PageSize = 2
	var users []string
	pages := 0
	for page, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, u := range page.Users {
			users = append(users, *u.Username)
		}
	}
	slices.Sort(users)
	if want := []string{"alice", "bob", "carol", "dave", "erin"}; !slices.Equal(users, want) || pages != 3 {
		t.Errorf("ListUsers: got %v in %d pages, want %v in 3", users, pages, want)
	}

	if _, err := admin.AdminDeleteUser(ctx, &cognitoidp.AdminDeleteUserInput{UserPoolId: poolID, Username: "erin"}); err != nil {
		t.Fatal(err)
	}
	_, err = admin.AdminGetUser(ctx, &cognitoidp.AdminGetUserInput{UserPoolId: poolID, Username: "erin"})
	var nf *cognitoidp.UserNotFoundException
	if !errors.As(err, &nf) || goto3.ErrorCode(err) != "UserNotFoundException" {
		t.Errorf("deleted user: got %v, want UserNotFoundException", err)
	}
	if len(rt.signed) != 0 {
		t.Errorf("the app's requests %s were signed", strings.Join(rt.signed, ", "))
	}
}
