"""Writes rds-merged.json: the order of RDS's CopyDBSnapshotMessage members
and the shapes that gained SourceRegion, as botocore's loader gives them
after merging service-2.sdk-extras.json (the oracle for TestMergeExtras)."""
import json
import botocore.session

s = botocore.session.get_session()
model = s.get_service_model('rds')
out = {
    'CopyDBSnapshotMessage': list(model.shape_for('CopyDBSnapshotMessage').members),
    'withSourceRegion': sorted(n for n in model.shape_names
                               if model.shape_for(n).type_name == 'structure'
                               and 'SourceRegion' in model.shape_for(n).members),
}
with open('rds-merged.json', 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
